// SMTP from a raw socket: exact bytes on the wire, pipelining, AUTH, limits and broken clients.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { StartOptions } from '../server/app.ts';
import { sendMail, smtpTransport, startSandbox } from './helpers/sandbox.ts';
import { SmtpSocket } from './helpers/smtp-socket.ts';
import { seededRandom } from './helpers/fuzz.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function open(options: StartOptions = {}): Promise<{ sandbox: Sandbox; smtp: SmtpSocket }> {
  sandbox = await startSandbox({ imapPort: null, pop3Port: null, ...options });
  const smtp = await SmtpSocket.open(sandbox.smtp!.port);
  expect((await smtp.read()).code).toBe(220);
  return { sandbox, smtp };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('SMTP over a raw socket', () => {
  it('answers pipelined commands in order and stores 8-bit mail byte for byte', async () => {
    const { sandbox, smtp } = await open();
    const ehlo = await smtp.command('EHLO client.example');
    expect(ehlo.lines.join('\n')).toMatch(/PIPELINING[\s\S]*8BITMIME[\s\S]*SMTPUTF8/);
    expect(ehlo.text).not.toContain('STARTTLS');
    const body = 'Subject: pipelined\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGr\u00fc\u00dfe \u2713\r\n..dot-stuffed line\r\n';
    smtp.write(`MAIL FROM:<a@example.com> BODY=8BITMIME\r\nRCPT TO:<x@example.com>\r\nRCPT TO:<y@example.com>\r\nDATA\r\n`);
    expect((await smtp.read()).code).toBe(250);
    expect((await smtp.read()).code).toBe(250);
    expect((await smtp.read()).code).toBe(250);
    expect((await smtp.read()).code).toBe(354);
    smtp.write(Buffer.from(body + '.\r\n', 'utf8'));
    const stored = await smtp.read();
    expect(stored.code).toBe(250);
    const id = Number(/stored as (\d+)/.exec(stored.text)![1]);
    const message = sandbox.store.get(id)!;
    expect(message.content.raw.toString('utf8')).toBe(body.replace('..dot', '.dot'));
    expect(message.envelope).toEqual({ mailFrom: 'a@example.com', rcptTo: ['x@example.com', 'y@example.com'] });
    expect((await smtp.command('QUIT')).code).toBe(221);
  });

  it('accepts any AUTH by default, and mail with no AUTH at all', async () => {
    const { smtp } = await open();
    await smtp.command('EHLO c');
    expect((await smtp.command(`AUTH PLAIN ${b64('\0whoever\0whatever')}`)).code).toBe(235);
    const { smtp: second } = { smtp: await SmtpSocket.open(sandbox!.smtp!.port) };
    await second.read();
    await second.command('EHLO c');
    expect((await second.command('MAIL FROM:<anon@example.com>')).code).toBe(250);
    second.close();
  });

  it('checks credentials with --smtp-auth required: PLAIN, LOGIN, CRAM-MD5, and 530 without', async () => {
    const { smtp } = await open({ smtpAuth: 'required', users: [{ user: 'app', password: 's3cret' }] });
    const ehlo = await smtp.command('EHLO c');
    expect(ehlo.text).toMatch(/AUTH PLAIN LOGIN CRAM-MD5/);
    expect((await smtp.command('MAIL FROM:<a@example.com>')).code).toBe(530);
    expect((await smtp.command(`AUTH PLAIN ${b64('\0app\0wrong')}`)).code).toBe(535);
    expect((await smtp.command('AUTH LOGIN')).code).toBe(334);
    expect((await smtp.command(b64('app'))).code).toBe(334);
    expect((await smtp.command(b64('s3cret'))).code).toBe(235);
    expect((await smtp.command('MAIL FROM:<a@example.com>')).code).toBe(250);

    const cram = await SmtpSocket.open(sandbox!.smtp!.port);
    await cram.read();
    await cram.command('EHLO c');
    const challenge = await cram.command('AUTH CRAM-MD5');
    expect(challenge.code).toBe(334);
    const digest = createHmac('md5', 's3cret').update(Buffer.from(challenge.text.slice(4), 'base64')).digest('hex');
    expect((await cram.command(b64(`app ${digest}`))).code).toBe(235);
    cram.close();

    const withAuth = smtpTransport(sandbox!, { auth: { user: 'app', pass: 's3cret' } });
    await expect(withAuth.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'ok' })).resolves.toBeTruthy();
    withAuth.close();
    await expect(sendMail(sandbox!, { text: 'no auth' })).rejects.toThrow(/530|Authentication required/i);
  });

  it('rejects oversize mail with 552, by SIZE= and by the bytes sent, and stores nothing', async () => {
    const { sandbox, smtp } = await open({ maxMessageSize: 1024 });
    expect((await smtp.command('EHLO c')).text).toContain('SIZE 1024');
    expect((await smtp.command('MAIL FROM:<a@example.com> SIZE=5000')).code).toBe(552);
    await smtp.command('MAIL FROM:<a@example.com>');
    await smtp.command('RCPT TO:<b@example.com>');
    expect((await smtp.command('DATA')).code).toBe(354);
    smtp.write('Subject: big\r\n\r\n' + 'y'.repeat(4000) + '\r\n.\r\n');
    expect((await smtp.read()).code).toBe(552);
    expect(sandbox.store.stats().messages).toBe(0);
    expect((await smtp.command('NOOP')).code).toBe(250);
  });

  it('answers bad commands with an error and keeps the session', async () => {
    const { smtp } = await open();
    expect((await smtp.command('BOGUS')).code).toBeGreaterThanOrEqual(500);
    expect((await smtp.command('RCPT TO:<b@example.com>')).code).toBe(503);
    expect((await smtp.command('MAIL FROM:<not an address')).code).toBeGreaterThanOrEqual(500);
    expect((await smtp.command('EHLO c')).code).toBe(250);
    expect((await smtp.command('NOOP')).code).toBe(250);
  });

  it('stores nothing when the connection drops mid-DATA, and keeps serving', async () => {
    const { sandbox, smtp } = await open();
    await smtp.command('EHLO c');
    await smtp.command('MAIL FROM:<a@example.com>');
    await smtp.command('RCPT TO:<b@example.com>');
    await smtp.command('DATA');
    smtp.write('Subject: cut\r\n\r\nhalf a mess');
    smtp.close();
    await smtp.closedPromise;
    const id = await sendMail(sandbox, { subject: 'after the drop' });
    expect(sandbox.store.list().messages.map((m) => m.id)).toEqual([id]);
  });

  it('on close, lets a DATA in flight finish and store, and turns idle sessions away', async () => {
    const { sandbox: s, smtp } = await open();
    const idle = await SmtpSocket.open(s.smtp!.port);
    await idle.read();
    await smtp.command('EHLO c');
    await smtp.command('MAIL FROM:<a@example.com>');
    await smtp.command('RCPT TO:<b@example.com>');
    expect((await smtp.command('DATA')).code).toBe(354);
    smtp.write('Subject: in flight\r\n\r\nfirst half, ');
    const closing = s.close();
    expect((await idle.read()).code).toBe(421);
    smtp.write('second half\r\n.\r\n');
    expect((await smtp.read()).code).toBe(250);
    await closing;
    expect(s.store.list().messages.map((m) => m.content.meta.subject)).toEqual(['in flight']);
  });

  it('survives a bounded stream of random and mutated input, then still stores mail', async () => {
    const { sandbox: s } = await open();
    const random = seededRandom(7);
    const verbs = ['EHLO x', 'MAIL FROM:<a@b>', 'RCPT TO:<c@d>', 'DATA', 'AUTH PLAIN', 'AUTH LOGIN', 'BDAT 10', 'RSET', 'STARTTLS', 'VRFY x'];
    for (let session = 0; session < 20; session++) {
      const client = await SmtpSocket.open(s.smtp!.port);
      for (let i = 0; i < 30; i++) {
        const verb = verbs[Math.floor(random() * verbs.length)];
        const noise = Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
        client.write(random() < 0.5 ? Buffer.concat([Buffer.from(verb + ' '), noise, Buffer.from('\r\n')]) : noise);
      }
      client.close();
    }
    const id = await sendMail(s, { subject: 'still alive' });
    expect(s.store.get(id)?.content.meta.subject).toBe('still alive');
  });

  it('greets at once by default: a client talking 50 ms in (inside the stock 100 ms wait) is served', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const eager = await SmtpSocket.open(sandbox.smtp!.port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    eager.write('EHLO eager\r\n');
    expect((await eager.read()).code).toBe(220);
    expect((await eager.read()).code).toBe(250);
    eager.close();
  });

  it('--smtp-greeting-delay brings back the early-talker check', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, smtpGreetingDelay: 300 });
    const eager = await SmtpSocket.open(sandbox.smtp!.port);
    eager.write('EHLO eager\r\n');
    const first = await eager.read();
    expect(first.code).toBe(421);
    expect(first.text).toMatch(/talk too soon/i);
    eager.close();
  });

  it('offers STARTTLS only with a certificate, and mail over it is stored', async () => {
    const { sandbox, smtp } = await open({ tlsSelfSigned: true });
    expect((await smtp.command('EHLO c')).text).toContain('STARTTLS');
    const secure = (await import('nodemailer')).default.createTransport({
      host: sandbox.smtp!.host,
      port: sandbox.smtp!.port,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    const info = await secure.sendMail({ from: 'a@example.com', to: 'tls@example.com', subject: 'over tls', text: 'secret' });
    secure.close();
    expect(info.response).toMatch(/stored as \d+/);
    expect(sandbox.store.list({ mailbox: 'tls@example.com' }).total).toBe(1);
  });
});
