// POP3 with a real client, Python's poplib: login, the maildrop commands, byte-exact RETR,
// DELE + QUIT, dot-stuffing, logins by recipient, required auth, STLS and implicit TLS.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { bytesOf, poplib } from './clients/pop3-poplib.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function open(options: StartOptions = {}): Promise<{ sandbox: Sandbox; port: number }> {
  sandbox = await startSandbox(options);
  return { sandbox, port: sandbox.pop3!.port };
}

async function rawOf(sandbox: Sandbox, id: number): Promise<Buffer> {
  const response = await fetch(`${sandbox.url}/api/v1/messages/${id}/raw`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('POP3 with Python poplib', () => {
  it('reads the maildrop: STAT, LIST, UIDL, TOP and RETR byte for byte as the REST raw endpoint', async () => {
    const { sandbox, port } = await open();
    const first = await sendMail(sandbox, { subject: 'first', text: 'one\ntwo\nthree\nfour\n' });
    const second = await sendMail(sandbox, {
      subject: 'second, with an attachment',
      text: 'see attached',
      attachments: [{ filename: 'data.bin', content: Buffer.alloc(3000, 7) }],
    });
    const raws = [await rawOf(sandbox, first), await rawOf(sandbox, second)];
    const session = await poplib(port, [['user', 'anyone'], ['pass', 'whatever'], ['capa'], ['stat'], ['list'], ['uidl'], ['top', 1, 2], ['retr', 1], ['retr', 2], ['quit']]);
    const [user, pass, capa, stat, list, uidl, top, retr1, retr2, quit] = session.results;
    expect(session.welcome).toMatch(/^\+OK .*<[^>]+@[^>]+>$/);
    expect(user.status).toMatch(/^\+OK/);
    expect(pass.status).toMatch(/^\+OK anyone has 2 messages/);
    expect(Object.keys(capa.capabilities!)).toEqual(expect.arrayContaining(['TOP', 'UIDL', 'USER', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'SASL', 'IMPLEMENTATION']));
    expect(capa.capabilities!.STLS).toBeUndefined();
    expect(stat).toMatchObject({ count: 2, octets: raws[0].length + raws[1].length });
    expect(list.lines).toEqual([`1 ${raws[0].length}`, `2 ${raws[1].length}`]);
    expect(uidl.lines).toEqual([`1 ${first}`, `2 ${second}`]);
    const head = raws[0].subarray(0, raws[0].indexOf('\r\n\r\n') + 4).toString();
    expect(bytesOf(top).toString()).toBe(`${head}one\r\ntwo\r\n`);
    expect(bytesOf(retr1).equals(raws[0])).toBe(true);
    expect(bytesOf(retr2).equals(raws[1])).toBe(true);
    expect(retr1.status).toBe(`+OK ${raws[0].length} octets`);
    expect(quit.status).toMatch(/^\+OK/);
  });

  it('DELE then QUIT removes the messages from the store, so REST no longer has them', async () => {
    const { sandbox, port } = await open();
    const ids = [await sendMail(sandbox, { subject: 'a' }), await sendMail(sandbox, { subject: 'b' }), await sendMail(sandbox, { subject: 'c' })];
    const session = await poplib(port, [['user', 'u'], ['pass', 'p'], ['dele', 1], ['dele', 3], ['stat'], ['retr', 1], ['quit']]);
    expect(session.results[2].status).toMatch(/^\+OK/);
    expect(session.results[4]).toMatchObject({ count: 1 });
    expect(session.results[5].error).toMatch(/^-ERR message 1 is already deleted/);
    expect(session.results[6].status).toMatch(/2 deleted/);
    expect((await api(sandbox, `/api/v1/messages/${ids[0]}`)).status).toBe(404);
    expect((await api(sandbox, `/api/v1/messages/${ids[1]}`)).status).toBe(200);
    expect((await api(sandbox, `/api/v1/messages/${ids[2]}`)).status).toBe(404);
    const next = await poplib(port, [['user', 'u'], ['pass', 'p'], ['uidl']]);
    expect(next.results[2].lines).toEqual([`1 ${ids[1]}`]);
  });

  it("keeps one session's DELE marks out of another's LIST and UIDL of the same maildrop, and RSET brings them back", async () => {
    const { sandbox, port } = await open();
    const ids = [await sendMail(sandbox, { subject: 'a' }), await sendMail(sandbox, { subject: 'b' }), await sendMail(sandbox, { subject: 'c' })];
    const sizes = await Promise.all(ids.map(async (id) => (await rawOf(sandbox, id)).length));
    // Both sessions log in to the same unchanged INBOX, so they share its snapshot of sizes and rows.
    const marking = poplib(port, [['user', 'u'], ['pass', 'p'], ['list'], ['dele', 2], ['list'], ['uidl'], ['stat'], ['rset'], ['list'], ['rset']]);
    const other = poplib(port, [['user', 'v'], ['pass', 'p'], ['list'], ['uidl'], ['stat']]);
    const [mine, theirs] = await Promise.all([marking, other]);
    const all = sizes.map((size, i) => `${i + 1} ${size}`);
    expect(mine.results[2].lines).toEqual(all);
    expect(mine.results[4].lines).toEqual([all[0], all[2]]);
    expect(mine.results[5].lines).toEqual([`1 ${ids[0]}`, `3 ${ids[2]}`]);
    expect(mine.results[6]).toMatchObject({ count: 2, octets: sizes[0] + sizes[2] });
    expect(mine.results[8].lines).toEqual(all);
    expect(theirs.results[2].lines).toEqual(all);
    expect(theirs.results[3].lines).toEqual(ids.map((id, i) => `${i + 1} ${id}`));
    expect(theirs.results[4]).toMatchObject({ count: 3, octets: sizes[0] + sizes[1] + sizes[2] });
  });

  it('undoes dot-stuffing back to the exact bytes of a message full of lines starting with "."', async () => {
    const { sandbox, port } = await open();
    const raw = fixture('dot-lines.eml');
    const id = await sendMail(sandbox, { envelope: { from: 'dots@example.com', to: ['rcpt@example.com'] }, raw });
    expect((await rawOf(sandbox, id)).equals(raw)).toBe(true);
    const session = await poplib(port, [['user', 'u'], ['pass', 'p'], ['list'], ['retr', 1], ['top', 1, 3]]);
    expect(session.results[2].lines).toEqual([`1 ${raw.length}`]);
    expect(bytesOf(session.results[3]).equals(raw)).toBe(true);
    const head = raw.subarray(0, raw.indexOf('\r\n\r\n') + 4).toString();
    expect(bytesOf(session.results[4]).toString()).toBe(`${head}.the first body line starts with a dot\r\n..two dots\r\n.\r\n`);
  });

  it('gives an address login only its own mail and any other login all of it', async () => {
    const { sandbox, port } = await open();
    const toAlice = await sendMail(sandbox, { to: 'alice@example.com', subject: 'for alice' });
    const toBob = await sendMail(sandbox, { to: 'bob@example.com', subject: 'for bob' });
    const bccAlice = await sendMail(sandbox, { to: 'bob@example.com', bcc: 'Alice@Example.com', subject: 'bcc' });
    const uids = async (user: string) => (await poplib(port, [['user', user], ['pass', 'x'], ['uidl']])).results[2].lines;
    expect(await uids('alice@example.com')).toEqual([`1 ${toAlice}`, `2 ${bccAlice}`]);
    expect(await uids('BOB@example.com')).toEqual([`1 ${toBob}`, `2 ${bccAlice}`]);
    expect(await uids('nobody@example.com')).toEqual([]);
    expect(await uids('catchall')).toEqual([`1 ${toAlice}`, `2 ${toBob}`, `3 ${bccAlice}`]);
  });

  it('checks passwords with --mail-auth required: [AUTH] on a wrong one, and APOP for configured users', async () => {
    const { sandbox, port } = await open({ mailAuth: 'required', users: [{ user: 'app', password: 's3cret' }] });
    await sendMail(sandbox, { subject: 'guarded' });
    const wrong = await poplib(port, [['user', 'app'], ['pass', 'nope'], ['user', 'stranger'], ['pass', 's3cret'], ['stat']]);
    expect(wrong.results[1].error).toBe('-ERR [AUTH] invalid user name or password');
    expect(wrong.results[3].error).toBe('-ERR [AUTH] invalid user name or password');
    expect(wrong.results[4].error).toMatch(/^-ERR log in before STAT/);
    const right = await poplib(port, [['user', 'app'], ['pass', 's3cret'], ['stat']]);
    expect(right.results[2]).toMatchObject({ count: 1 });
    const apop = await poplib(port, [['apop', 'app', 's3cret'], ['stat']]);
    expect(apop.results[0].status).toMatch(/^\+OK/);
    expect(apop.results[1]).toMatchObject({ count: 1 });
    expect((await poplib(port, [['apop', 'app', 'wrong']])).results[0].error).toBe('-ERR [AUTH] invalid user name or password');
  });

  it('accepts APOP with any digest when any password is allowed', async () => {
    const { port } = await open();
    const session = await poplib(port, [['apop', 'someone@example.com', 'anything'], ['stat']]);
    expect(session.results[1]).toMatchObject({ count: 0, octets: 0 });
  });

  it('speaks STLS on the plain port and TLS from the start on the pop3s port', async () => {
    const { sandbox, port } = await open({ tlsSelfSigned: true, pop3sPort: 0 });
    const id = await sendMail(sandbox, { subject: 'secret', text: 'over TLS' });
    const raw = await rawOf(sandbox, id);
    const plain = await poplib(port, [['capa']]);
    expect(plain.results[0].capabilities!.STLS).toEqual([]);
    const upgraded = await poplib(port, [['capa'], ['user', 'u'], ['pass', 'p'], ['retr', 1], ['quit']], 'stls');
    expect(upgraded.stls).toMatch(/^\+OK/);
    expect(upgraded.results[0].capabilities!.STLS).toBeUndefined();
    expect(bytesOf(upgraded.results[3]).equals(raw)).toBe(true);
    const implicit = await poplib(sandbox.pop3s!.port, [['capa'], ['user', 'u'], ['pass', 'p'], ['retr', 1], ['quit']], 'implicit');
    expect(implicit.welcome).toMatch(/^\+OK mailsandbox/);
    expect(implicit.results[0].capabilities!.STLS).toBeUndefined();
    expect(bytesOf(implicit.results[3]).equals(raw)).toBe(true);
  });

  it('with --tls-required, offers no login before STLS and takes one after', async () => {
    const { sandbox, port } = await open({ tlsSelfSigned: true, tlsRequired: true });
    const id = await sendMail(sandbox, { subject: 'tls only' });
    const plain = await poplib(port, [['capa'], ['user', 'u'], ['apop', 'u', 'x']]);
    expect(plain.results[0].capabilities!.STLS).toEqual([]);
    expect(plain.results[0].capabilities!.USER).toBeUndefined();
    expect(plain.results[0].capabilities!.SASL).toBeUndefined();
    expect(plain.results[1].error).toMatch(/STLS first/);
    expect(plain.results[2].error).toMatch(/STLS first/);
    const upgraded = await poplib(port, [['capa'], ['user', 'u'], ['pass', 'p'], ['retr', 1], ['quit']], 'stls');
    expect(upgraded.results[0].capabilities!.USER).toEqual([]);
    expect(bytesOf(upgraded.results[3]).equals(await rawOf(sandbox, id))).toBe(true);
  });
});
