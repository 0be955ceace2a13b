// The IMAP wire with a raw socket: literals, limits, errors that keep the session, states, the
// smaller commands, AUTHENTICATE, required passwords, and TLS (STARTTLS and implicit) with imapflow.
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { RawImap } from './helpers/imap.ts';
import { sendMail, startSandbox, uidOf } from './helpers/sandbox.ts';

/** imapflow on the plain port, upgrading with STARTTLS and trusting the self-signed certificate. */
const startTlsClient = (sandbox: Sandbox) =>
  new ImapFlow({
    host: sandbox.imap!.host,
    port: sandbox.imap!.port,
    secure: false,
    doSTARTTLS: true,
    auth: { user: 'u', pass: 'p' },
    logger: false,
    tls: { rejectUnauthorized: false },
  });

/** Logs in, reads INBOX's subjects, logs out. */
const subjectsWith = async (client: ImapFlow) => {
  await client.connect();
  await client.mailboxOpen('INBOX');
  const messages = await client.fetchAll('1:*', { envelope: true });
  await client.logout();
  return messages.map((m) => m.envelope?.subject);
};

describe('IMAP protocol details', () => {
  let sandbox: Sandbox;
  const open: RawImap[] = [];
  const connect = async () => {
    const client = await RawImap.connect(sandbox);
    open.push(client);
    return client;
  };
  const loggedIn = async (user = 'tester') => {
    const client = await connect();
    await client.command(`LOGIN ${user} x`);
    return client;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null, maxMessageSize: 1000 });
  });
  afterAll(() => sandbox.close());
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  it('APPENDs with a synchronizing literal after "+" and with LITERAL+ without one', async () => {
    const client = await loggedIn();
    const message = 'Subject: sync\r\n\r\nbody\r\n';
    client.write(`s1 APPEND Drafts (\\Seen) {${message.length}}\r\n`);
    expect((await client.waitFor((line) => line.startsWith('+')))[0]).toMatch(/^\+ /);
    client.write(message + '\r\n');
    expect((await client.waitFor((line) => line.startsWith('s1 '))).at(-1)).toMatch(/^s1 OK \[APPENDUID \d+ \d+\]/);
    const plus = 'Subject: plus\r\n\r\nbody\r\n';
    const lines = await client.command(`APPEND Drafts {${plus.length}+}\r\n${plus}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/OK \[APPENDUID/);
    expect(sandbox.store.folderMessages('Drafts').map((m) => m.content.meta.subject)).toEqual(['sync', 'plus']);
  });

  it('refuses a too-big literal with NO [TOOBIG] and keeps the session', async () => {
    const client = await loggedIn();
    client.write('big1 APPEND INBOX {5000}\r\n');
    expect((await client.waitFor((line) => line.startsWith('big1 ')))[0]).toMatch(/^big1 NO \[TOOBIG\]/);
    client.write(`big2 APPEND INBOX {2000+}\r\n${'x'.repeat(2000)}\r\n`);
    expect((await client.waitFor((line) => line.startsWith('big2 ')))[0]).toMatch(/^big2 NO \[TOOBIG\]/);
    client.write('big3 LOGIN {100000}\r\n');
    expect((await client.waitFor((line) => line.startsWith('big3 ')))[0]).toMatch(/^big3 NO \[TOOBIG\]/);
    expect((await client.command('NOOP')).at(-1)).toMatch(/OK/);
  });

  it('answers an over-long line and malformed commands with BAD and goes on', async () => {
    const client = await connect();
    client.write(`long SEARCH ${'x'.repeat(70 * 1024)}\r\n`);
    expect((await client.waitFor((line) => line.startsWith('long ')))[0]).toMatch(/^long BAD/);
    for (const bad of ['FETCH', 'LOGIN', 'LOGIN a', 'SELECT "unterminated', 'STORE 1 FLAGZ (x)', 'FETCH 1:x (FLAGS)', '(((']) {
      expect((await client.command(bad)).at(-1)).toMatch(/^t\d+ BAD /);
    }
    client.write('\r\n* BAD tag\r\n');
    await client.waitFor((line) => line.startsWith('* BAD'));
    expect((await client.command('CAPABILITY'))[0]).toMatch(/^\* CAPABILITY IMAP4rev1 /);
  });

  it('refuses commands outside their state', async () => {
    const client = await connect();
    expect((await client.command('SELECT INBOX')).at(-1)).toMatch(/BAD .*log in first/);
    await client.command('LOGIN a b');
    expect((await client.command('FETCH 1 FLAGS')).at(-1)).toMatch(/BAD .*select a mailbox first/);
    expect((await client.command('LOGIN a b')).at(-1)).toMatch(/BAD/);
  });

  it('AUTHENTICATE PLAIN with an initial response and after a continuation', async () => {
    const first = await connect();
    const token = Buffer.from('\0alice@example.com\0pw').toString('base64');
    expect((await first.command(`AUTHENTICATE PLAIN ${token}`)).at(-1)).toMatch(/OK \[CAPABILITY /);
    const second = await connect();
    second.write('auth AUTHENTICATE PLAIN\r\n');
    await second.waitFor((line) => line.startsWith('+'));
    second.write(token + '\r\n');
    expect((await second.waitFor((line) => line.startsWith('auth ')))[0]).toMatch(/^auth OK/);
    const third = await connect();
    third.write('auth AUTHENTICATE PLAIN\r\n');
    await third.waitFor((line) => line.startsWith('+'));
    third.write('*\r\n');
    expect((await third.waitFor((line) => line.startsWith('auth ')))[0]).toMatch(/^auth BAD/);
    expect((await third.command('AUTHENTICATE CRAM-MD5')).at(-1)).toMatch(/NO/);
  });

  it('AUTHENTICATE PLAIN acts as its authzid, as POP3 AUTH PLAIN does', async () => {
    await sendMail(sandbox, { to: 'authz@example.com', subject: 'for authz' });
    await sendMail(sandbox, { to: 'someone-else@example.com', subject: 'not for authz' });
    const client = await connect();
    const token = Buffer.from('authz@example.com\0dev\0pw').toString('base64');
    expect((await client.command(`AUTHENTICATE PLAIN ${token}`)).at(-1)).toMatch(/OK/);
    const status = await client.command('STATUS INBOX (MESSAGES)');
    expect(status[0]).toBe('* STATUS "INBOX" (MESSAGES 1)');
  });

  it('LIST patterns, the delimiter query, LSUB, NAMESPACE, ID, ENABLE', async () => {
    const client = await loggedIn();
    await client.command('CREATE Work/Reports');
    expect((await client.command('LIST "" ""'))[0]).toBe('* LIST (\\Noselect) "/" ""');
    expect((await client.command('LIST "" %')).filter((l) => l.startsWith('* LIST')).map((l) => l.split(' ').at(-1))).toEqual([
      '"INBOX"', '"Sent"', '"Drafts"', '"Trash"', '"Junk"', '"Archive"', '"Work"',
    ]);
    expect((await client.command('LIST Work/ %'))[0]).toBe('* LIST (\\HasNoChildren) "/" "Work/Reports"');
    expect((await client.command('LIST "" inbox'))[0]).toBe('* LIST (\\HasNoChildren) "/" "INBOX"');
    expect((await client.command('LIST "" "W*"')).slice(0, 2)).toEqual(['* LIST (\\Noselect \\HasChildren) "/" "Work"', '* LIST (\\HasNoChildren) "/" "Work/Reports"']);
    // A created folder is not subscribed until a client subscribes it, as in Dovecot.
    await client.command('SUBSCRIBE Work/Reports');
    expect((await client.command('LSUB "" "W*"')).slice(0, -1)).toEqual(['* LSUB () "/" "Work/Reports"']);
    // An extended LIST sends child attributes only when RETURN (CHILDREN) asks (RFC 5258), as Dovecot does.
    expect((await client.command('LIST "" "W*" RETURN (SUBSCRIBED)')).slice(0, -1)).toEqual([
      '* LIST (\\Noselect) "/" "Work"',
      '* LIST (\\Subscribed) "/" "Work/Reports"',
    ]);
    expect((await client.command('LIST "" "W*" RETURN (SUBSCRIBED CHILDREN)')).slice(0, -1)).toEqual([
      '* LIST (\\Noselect \\HasChildren) "/" "Work"',
      '* LIST (\\Subscribed \\HasNoChildren) "/" "Work/Reports"',
    ]);
    expect((await client.command('NAMESPACE'))[0]).toBe('* NAMESPACE (("" "/")) NIL NIL');
    expect((await client.command('ID ("name" "test")'))[0]).toMatch(/^\* ID \("name" "mailsandbox" "version" "/);
    expect((await client.command('ENABLE CONDSTORE X-UNKNOWN'))[0]).toBe('* ENABLED CONDSTORE');
    expect((await client.command('CREATE INBOX')).at(-1)).toMatch(/NO \[ALREADYEXISTS\]/);
    expect((await client.command('DELETE Nope')).at(-1)).toMatch(/NO \[NONEXISTENT\]/);
    expect((await client.command('DELETE INBOX')).at(-1)).toMatch(/NO \[CANNOT\]/);
    await client.command('CREATE Entw&APw-rfe');
    expect((await client.command('LIST "" Entw*'))[0]).toBe('* LIST (\\HasNoChildren) "/" "Entw&APw-rfe"');
    expect(sandbox.store.getFolder('Entwürfe')).toBeDefined();
  });

  it('COPY/MOVE to a missing folder say TRYCREATE; UID EXPUNGE removes only the named UIDs; CLOSE expunges silently', async () => {
    sandbox.store.clear();
    const ids = [];
    for (const subject of ['a', 'b', 'c']) ids.push(await sendMail(sandbox, { subject }));
    const client = await loggedIn();
    await client.command('SELECT INBOX');
    expect((await client.command('COPY 1 Missing')).at(-1)).toMatch(/NO \[TRYCREATE\]/);
    expect((await client.command('MOVE 1 Missing')).at(-1)).toMatch(/NO \[TRYCREATE\]/);
    await client.command('STORE 1:3 +FLAGS.SILENT (\\Deleted)');
    // The expunged message was \Recent here, so the RECENT count follows (as Dovecot sends it).
    expect((await client.command(`UID EXPUNGE ${uidOf(sandbox, ids[1])}`)).slice(0, -1)).toEqual(['* 2 EXPUNGE', '* 2 RECENT']);
    expect((await client.command('UNSELECT')).at(-1)).toMatch(/OK/);
    expect(sandbox.store.folderMessages('INBOX')).toHaveLength(2);
    await client.command('SELECT INBOX');
    expect((await client.command('CLOSE')).slice(0, -1)).toEqual([]);
    expect(sandbox.store.folderMessages('INBOX')).toHaveLength(0);
    expect((await client.command('FETCH 1 FLAGS')).at(-1)).toMatch(/BAD/);
  });

  it('LOGOUT says BYE, answers OK and closes', async () => {
    const client = await connect();
    const lines = await client.command('LOGOUT');
    expect(lines).toEqual(['* BYE mailsandbox logging out', 't1 OK LOGOUT completed']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.closed).toBe(true);
  });
});

describe('IMAP logins with --mail-auth required', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null, mailAuth: 'required', users: [{ user: 'alice@example.com', password: 'secret' }] });
  });
  afterAll(() => sandbox.close());

  it('takes only the configured password', async () => {
    const client = await RawImap.connect(sandbox);
    expect((await client.command('LOGIN alice@example.com wrong')).at(-1)).toMatch(/NO \[AUTHENTICATIONFAILED\]/);
    expect((await client.command('LOGIN bob@example.com secret')).at(-1)).toMatch(/NO \[AUTHENTICATIONFAILED\]/);
    expect((await client.command('LOGIN alice@example.com secret')).at(-1)).toMatch(/OK/);
    client.close();
  });

  it('AUTHENTICATE PLAIN may not act as another user (RFC 4616 authzid)', async () => {
    const client = await RawImap.connect(sandbox);
    const as = (authzid: string) => Buffer.from(`${authzid}\0alice@example.com\0secret`).toString('base64');
    expect((await client.command(`AUTHENTICATE PLAIN ${as('bob@example.com')}`)).at(-1)).toMatch(/NO \[AUTHORIZATIONFAILED\]/);
    expect((await client.command(`AUTHENTICATE PLAIN ${as('alice@example.com')}`)).at(-1)).toMatch(/OK/);
    client.close();
  });
});

describe('IMAP over TLS', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null, tlsSelfSigned: true, imapsPort: 0 });
    await sendMail(sandbox, { subject: 'over tls' });
  });
  afterAll(() => sandbox.close());

  it('offers STARTTLS and upgrades', async () => {
    const raw = await RawImap.connect(sandbox);
    expect((await raw.command('CAPABILITY'))[0]).toContain('STARTTLS');
    raw.close();
    expect(await subjectsWith(startTlsClient(sandbox))).toEqual(['over tls']);
  });

  it('serves implicit TLS on the imaps port', async () => {
    const client = new ImapFlow({
      host: sandbox.imaps!.host,
      port: sandbox.imaps!.port,
      secure: true,
      auth: { user: 'u', pass: 'p' },
      logger: false,
      tls: { rejectUnauthorized: false },
    });
    expect(await subjectsWith(client)).toEqual(['over tls']);
  });
});

describe('IMAP with --tls-required', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null, tlsSelfSigned: true, tlsRequired: true });
    await sendMail(sandbox, { subject: 'tls only' });
  });
  afterAll(() => sandbox.close());

  it('says LOGINDISABLED and refuses LOGIN and AUTHENTICATE on a plain connection', async () => {
    const raw = await RawImap.connect(sandbox);
    const capability = (await raw.command('CAPABILITY'))[0];
    expect(capability).toContain('STARTTLS');
    expect(capability).toContain('LOGINDISABLED');
    expect(capability).not.toContain('AUTH=PLAIN');
    expect((await raw.command('LOGIN u p')).at(-1)).toMatch(/^t\d+ NO \[PRIVACYREQUIRED\]/);
    expect((await raw.command('AUTHENTICATE PLAIN AHUAcA==')).at(-1)).toMatch(/^t\d+ NO \[PRIVACYREQUIRED\]/);
    raw.close();
  });

  it('lets imapflow log in once it has done STARTTLS', async () => {
    expect(await subjectsWith(startTlsClient(sandbox))).toEqual(['tls only']);
  });
});
