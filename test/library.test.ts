// The README's embedding example, as a user's test suite would write it (self-referenced package).
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { start, type Sandbox } from 'mailsandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start({ smtpPort: 0, httpPort: 0, imapPort: null, pop3Port: null, logLevel: 'silent' });
});
afterAll(() => sandbox.close());

it('sends the welcome mail', async () => {
  const transport = nodemailer.createTransport({ host: sandbox.smtp!.host, port: sandbox.smtp!.port });
  await transport.sendMail({ from: 'app@example.com', to: 'new-user@example.com', subject: 'Welcome', text: 'Hi!' });
  const message = await sandbox.waitForMessage({ to: 'new-user@example.com' }, { timeout: 5000 });
  expect(message.content.meta.subject).toBe('Welcome');
});

it('resolves waitForMessage for mail that arrives later, and rejects after the timeout', async () => {
  const later = sandbox.waitForMessage({ subject: 'later' }, { timeout: 5000 });
  const transport = nodemailer.createTransport({ host: sandbox.smtp!.host, port: sandbox.smtp!.port });
  await transport.sendMail({ from: 'app@example.com', to: 'x@example.com', subject: 'later', text: '.' });
  expect((await later).envelope.rcptTo).toEqual(['x@example.com']);
  await expect(sandbox.waitForMessage({ subject: 'never' }, { timeout: 30 })).rejects.toThrow(/no matching message/);
  expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
