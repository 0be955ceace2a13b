// MULTIAPPEND, BINARY and UTF8=ACCEPT where Dovecot 2.3 is no reference (its limits, its BINARY
// quirks, and UTF8=ACCEPT, which it lacks): raw sockets and Python imaplib against the RFC text.
// The cases Dovecot answers as the RFCs ask are in test/imap-differential-append.test.ts.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { SessionDetail, SessionSummary } from '../server/types.ts';
import { imapflowClient, RawImap } from './helpers/imap.ts';
import { api, byUid, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
const utf8Script = fileURLToPath(new URL('./clients/imaplib_utf8.py', import.meta.url));

const MAX_MESSAGE = 2000;
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const literal = (text: string, prefix = '') => `${prefix}{${Buffer.byteLength(crlf(text))}+}\r\n${crlf(text)}`;
const mail = (subject: string, body = 'hello') => `From: a@example.com\nSubject: ${subject}\n\n${body}\n`;

let sandbox: Sandbox;
let imap: RawImap;
beforeAll(async () => {
  sandbox = await startSandbox({ pop3Port: null, maxMessageSize: MAX_MESSAGE });
});
afterAll(() => sandbox.close());

async function loggedIn(user = 'tester'): Promise<RawImap> {
  const client = await RawImap.connect(sandbox);
  expect((await client.command(`LOGIN ${user} x`)).at(-1)).toMatch(/OK/);
  return client;
}

/** RawImap reads the socket as latin1: the lines as the UTF-8 text the server sent. */
const utf8 = (lines: string[]) => lines.map((line) => Buffer.from(line, 'latin1').toString('utf8'));

const messagesIn = async (client: RawImap, folder = 'INBOX') =>
  Number(/MESSAGES (\d+)/.exec((await client.command(`STATUS ${folder} (MESSAGES)`))[0])![1]);

describe('MULTIAPPEND (RFC 3502) limits and atomicity', () => {
  beforeAll(async () => {
    imap = await loggedIn('multi@example.test');
  });
  afterAll(() => imap.close());

  it('refuses a synchronizing literal over the per-message limit before it is sent, and stores none of the messages', async () => {
    const before = await messagesIn(imap);
    imap.write(`m1 APPEND INBOX ${literal(mail('small one'))} (\\Seen) {${MAX_MESSAGE + 1}}\r\n`);
    const reply = await imap.waitFor((line) => line.startsWith('m1 '));
    expect(reply.at(-1)).toMatch(/^m1 NO \[TOOBIG\]/);
    expect(reply.some((line) => line.startsWith('+'))).toBe(false);
    expect(await messagesIn(imap)).toBe(before);
  });

  it('skips a too-big LITERAL+ message with the rest of its command, stores none, and goes on', async () => {
    const before = await messagesIn(imap);
    const big = mail('big', 'x'.repeat(MAX_MESSAGE));
    imap.write(`m2 APPEND INBOX ${literal(mail('small'))} ${literal(big)} ${literal(mail('after'))}\r\n`);
    expect((await imap.waitFor((line) => line.startsWith('m2 '))).at(-1)).toMatch(/^m2 NO \[TOOBIG\]/);
    expect(await messagesIn(imap)).toBe(before);
  });

  it('TRYCREATE for a missing folder, BAD for a message list that ends in a space; nothing stored either way', async () => {
    const before = await messagesIn(imap);
    imap.write(`m3 APPEND Missing ${literal(mail('one'))} ${literal(mail('two'))}\r\n`);
    expect((await imap.waitFor((line) => line.startsWith('m3 '))).at(-1)).toMatch(/^m3 NO \[TRYCREATE\]/);
    imap.write(`m4 APPEND INBOX ${literal(mail('one'))} \r\n`);
    expect((await imap.waitFor((line) => line.startsWith('m4 '))).at(-1)).toMatch(/^m4 BAD/);
    expect(await messagesIn(imap)).toBe(before);
  });

  it('asks for each synchronizing literal in turn and answers APPENDUID with the uid-set', async () => {
    imap.write(`m5 APPEND INBOX (\\Seen) {${crlf(mail('sync one')).length}}\r\n`);
    await imap.waitFor((line) => line.startsWith('+'));
    imap.write(`${crlf(mail('sync one'))} {${crlf(mail('sync two')).length}}\r\n`);
    await imap.waitFor((line) => line.startsWith('+'));
    imap.write(`${crlf(mail('sync two'))}\r\n`);
    const reply = (await imap.waitFor((line) => line.startsWith('m5 '))).at(-1)!;
    const [, validity, uids] = /^m5 OK \[APPENDUID (\d+) (\S+)\]/.exec(reply)!;
    const [first, last] = uids.split(':').map(Number);
    expect(last).toBe(first + 1);
    expect(Number(validity)).toBeGreaterThan(0);
  });

  it('reports each appended message in the session record', async () => {
    const client = await loggedIn('record@example.test');
    client.write(`r1 APPEND Archive ${literal(mail('rec one'))} ${literal(mail('rec two'))} ${literal(mail('rec three'))}\r\n`);
    const reply = (await client.waitFor((line) => line.startsWith('r1 '))).at(-1)!;
    const [from, to] = /APPENDUID \d+ (\d+):(\d+)/.exec(reply)!.slice(1).map(Number);
    await client.command('LOGOUT');
    client.close();
    let detail: SessionDetail | null = null;
    for (let i = 0; i < 100 && !detail?.actions.length; i++) {
      const list = (await api<{ sessions: SessionSummary[] }>(sandbox, '/api/v1/sessions?limit=1000')).body.sessions;
      const mine = list.find((s) => s.login === 'record@example.test' && s.state === 'ended');
      if (mine) detail = (await api<SessionDetail>(sandbox, `/api/v1/sessions/${mine.id}`)).body;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const ids = [from, from + 1, to].map((uid) => byUid(sandbox, 'Archive', uid)!.id);
    expect(detail!.actions.map((a) => [a.text, a.messageIds])).toEqual(ids.map((id) => [`appended #${id} to Archive`, [id]]));
  });
});

describe('BINARY (RFC 3516) beyond what Dovecot 2.3 answers alike', () => {
  const multipart = `MIME-Version: 1.0
Subject: parts
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain
Content-Transfer-Encoding: base64

aGVsbG8=
--b1
Content-Type: text/plain
Content-Transfer-Encoding: x-uuencode

begin 644 f
end
--b1--
`;

  beforeAll(async () => {
    imap = await loggedIn('binary@example.test');
    imap.write(`b0 APPEND INBOX ${literal(multipart)}\r\n`);
    await imap.waitFor((line) => line.startsWith('b0 OK'));
    await imap.command('SELECT INBOX');
  });
  afterAll(() => imap.close());

  it('BINARY.SIZE of a part of a multipart is its decoded size', async () => {
    expect(await imap.command('FETCH 1 (BINARY.SIZE[1])')).toEqual(['* 1 FETCH (BINARY.SIZE[1] 5)', expect.stringMatching(/OK/)]);
  });

  it('an unknown Content-Transfer-Encoding is NO [UNKNOWN-CTE], with no FETCH written and \\Seen left unset', async () => {
    const reply = await imap.command('FETCH 1 (FLAGS BINARY[2])');
    expect(reply).toEqual([expect.stringMatching(/ NO \[UNKNOWN-CTE\]/)]);
    expect((await imap.command('FETCH 1 (BINARY.SIZE[2])')).at(-1)).toMatch(/ NO \[UNKNOWN-CTE\]/);
    expect((await imap.command('FETCH 1 (FLAGS)'))[0]).not.toMatch(/\\Seen/);
  });

  it('BINARY[] of a multipart with such a part is UNKNOWN-CTE too; BODY is untouched by BINARY', async () => {
    expect(await imap.command('FETCH 1 (BINARY.PEEK[])')).toEqual([expect.stringMatching(/ NO \[UNKNOWN-CTE\]/)]);
    expect(await imap.command('FETCH 1 (BODY.PEEK[1])')).toEqual(['* 1 FETCH (BODY[1] {8}', 'aGVsbG8=)', expect.stringMatching(/OK/)]);
  });

  it('refuses BINARY sections other than part numbers', async () => {
    expect((await imap.command('FETCH 1 (BINARY[1.MIME])')).at(-1)).toMatch(/ BAD /);
    expect((await imap.command('FETCH 1 (BINARY[TEXT])')).at(-1)).toMatch(/ BAD /);
  });
});

describe('BINARY and literal8 with imapflow, which uses them once BINARY is advertised', () => {
  it('appends a message holding NUL as a literal8, reads it back with BINARY.PEEK[], and a base64 part decoded', async () => {
    const client = imapflowClient(sandbox, 'flow-binary@example.test');
    await client.connect();
    const withNul = Buffer.from('Subject: nul\r\n\r\na\0b\r\n', 'latin1');
    const first = (await client.append('INBOX', withNul)) as { uid: number };
    const attachment = Buffer.from([0, 1, 2, 255, 10, 13, 0]);
    const multipart = crlf(`MIME-Version: 1.0
Subject: attached
Content-Type: multipart/mixed; boundary=x

--x
Content-Type: text/plain

see attachment
--x
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

${attachment.toString('base64')}
--x--
`);
    const second = (await client.append('INBOX', multipart)) as { uid: number };
    await client.mailboxOpen('INBOX');
    // BINARY.PEEK[] gives the NUL back in a literal8; BODY.PEEK[] as 0x80, which a literal may carry.
    const stored = await client.fetchOne(String(first.uid), { source: true }, { uid: true, binary: true });
    expect(stored && stored.source?.toString('latin1')).toBe(withNul.toString('latin1'));
    const asBody = await client.fetchOne(String(first.uid), { source: true }, { uid: true });
    expect(asBody && asBody.source?.toString('latin1')).toBe(withNul.toString('latin1').replace('\0', '\x80'));
    const fetched = await client.fetchOne(String(second.uid), { bodyParts: ['2'] }, { uid: true, binary: true });
    expect(fetched && [...fetched.bodyParts!.values()][0]).toEqual(attachment);
    await client.logout();
  });
});

describe('APPENDLIMIT (RFC 7889)', () => {
  it('gives every folder the limit CAPABILITY names, in STATUS and in LIST RETURN (STATUS)', async () => {
    const client = await loggedIn('appendlimit@example.test');
    expect(await client.command('STATUS INBOX (MESSAGES APPENDLIMIT)')).toEqual([
      expect.stringMatching(new RegExp(`^\\* STATUS "INBOX" \\(MESSAGES \\d+ APPENDLIMIT ${MAX_MESSAGE}\\)$`)),
      expect.stringMatching(/^t\d+ OK/),
    ]);
    const listed = await client.command('LIST "" "Sent" RETURN (STATUS (APPENDLIMIT))');
    expect(listed).toContain(`* STATUS "Sent" (APPENDLIMIT ${MAX_MESSAGE})`);
    expect((await client.command('STATUS INBOX (APPENDLIMITS)')).at(-1)).toMatch(/BAD/);
    client.close();
  });
});

describe('UTF8=ACCEPT (RFC 6855)', () => {
  it('is advertised, and APPEND UTF8 before ENABLE is BAD and stores nothing', async () => {
    const client = await loggedIn('utf8-before@example.test');
    expect((await client.command('CAPABILITY'))[0]).toMatch(new RegExp(` MULTIAPPEND .*BINARY .*UTF8=ACCEPT .*APPENDLIMIT=${MAX_MESSAGE}\\b`));
    const before = await messagesIn(client);
    client.write(`u1 APPEND INBOX UTF8 (${literal(mail('Grüße'), '~')})\r\n`);
    expect((await client.waitFor((line) => line.startsWith('u1 '))).at(-1)).toMatch(/^u1 BAD .*ENABLE UTF8=ACCEPT/);
    expect(await messagesIn(client)).toBe(before);
    client.close();
  });

  it('after ENABLE: UTF-8 mailbox names both ways, UTF8 APPEND, UTF-8 quoted strings, SEARCH without CHARSET', async () => {
    const session = await loggedIn('utf8@example.test');
    const command = async (text: string) => utf8(await session.command(text));
    const plain = await loggedIn('utf8@example.test');
    expect(await command('ENABLE UTF8=ACCEPT')).toEqual(['* ENABLED UTF8=ACCEPT', expect.stringMatching(/OK/)]);
    expect((await command('CREATE "Größe/R&D"')).at(-1)).toMatch(/OK/);
    // Names go back as UTF-8 to this session, as modified UTF-7 to a session that did not enable it.
    // The implied parent is a \\Noselect level, as Dovecot leaves it.
    expect((await command('LIST "" "Gr*"')).slice(0, -1).sort()).toEqual([
      '* LIST (\\HasNoChildren) "/" "Größe/R&D"',
      '* LIST (\\Noselect \\HasChildren) "/" "Größe"',
    ]);
    expect((await plain.command('LIST "" "Gr*"')).slice(0, -1).sort()).toEqual([
      '* LIST (\\HasNoChildren) "/" "Gr&APYA3w-e/R&-D"',
      '* LIST (\\Noselect \\HasChildren) "/" "Gr&APYA3w-e"',
    ]);
    expect((await plain.command('STATUS "Gr&APYA3w-e/R&-D" (MESSAGES)'))[0]).toBe('* STATUS "Gr&APYA3w-e/R&-D" (MESSAGES 0)');

    const message = 'From: Jürgen <jürgen@example.test>\nSubject: Grüße aus Köln\n\nÄpfel\n';
    session.write(`u2 APPEND "Größe/R&D" (\\Seen) UTF8 (${literal(message, '~')})\r\n`);
    expect(utf8(await session.waitFor((line) => line.startsWith('u2 '))).at(-1)).toMatch(/^u2 OK \[APPENDUID \d+ \d+\]/);
    expect((await command('STATUS "Größe/R&D" (MESSAGES)'))[0]).toBe('* STATUS "Größe/R&D" (MESSAGES 1)');
    expect((await command('SELECT "Größe/R&D"')).at(-1)).toMatch(/OK/);
    // The UTF-8 header bytes come back unchanged (in a literal, which RFC 6855 leaves to the server).
    expect((await command('FETCH 1 (ENVELOPE)')).join('\n')).toContain('Grüße aus Köln');
    expect((await command('SEARCH SUBJECT "köln"'))[0]).toBe('* SEARCH 1');
    expect((await command('SEARCH CHARSET UTF-8 SUBJECT "köln"')).at(-1)).toMatch(/ BAD /);
    expect((await command('SORT (SUBJECT) US-ASCII ALL')).at(-1)).toMatch(/ BAD /);
    expect((await command('SORT (SUBJECT) UTF-8 ALL'))[0]).toBe('* SORT 1');
    // A name quoted in UTF-8 by a session that did not enable it still reads as sent when it holds no `&`.
    // (CREATE turns the \\Noselect level into a folder.)
    expect((await plain.command('CREATE "Größe"')).at(-1)).toMatch(/OK/);
    expect(utf8(await plain.command('STATUS "Größe" (MESSAGES)'))[0]).toBe('* STATUS "Gr&APYA3w-e" (MESSAGES 0)');
    session.close();
    plain.close();
  });

  it('Python imaplib enables it and works with UTF-8 mailbox names', async () => {
    const { stdout } = await run('python3', [utf8Script, sandbox.imap!.host, String(sandbox.imap!.port), 'py-utf8@example.test'], { timeout: 20_000 });
    const out = JSON.parse(stdout);
    expect(out.enable).toEqual(['OK', ['UTF8=ACCEPT']]);
    expect(out.create).toBe('OK');
    expect(out.list).toEqual(['(\\HasNoChildren) "/" "Übersicht"']);
    expect(out.select).toEqual(['OK', '0']);
    expect(out.search_charset_refused).toBe(true);
  });
});
