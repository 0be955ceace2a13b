// SMTPS (--smtps-port): TLS from the first byte, as nodemailer's `secure: true` speaks it on 465.
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { ConfigError, resolveConfig } from '../server/config.ts';
import { startSandbox } from './helpers/sandbox.ts';

describe('SMTPS', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, httpPort: null, tlsSelfSigned: true, smtpsPort: 0 });
  });
  afterAll(() => sandbox.close());

  it('is off by default and needs TLS', () => {
    expect(resolveConfig().smtpsPort).toBeNull();
    expect(() => resolveConfig({ smtpsPort: 465 })).toThrow(ConfigError);
    expect(() => resolveConfig({ smtpsPort: 465 })).toThrow(/--smtps-port.* need --tls-cert\/--tls-key or --tls-self-signed/);
  });

  it('takes mail from nodemailer with secure: true, over TLS from the greeting on', async () => {
    const transport = nodemailer.createTransport({
      host: sandbox.smtps!.host,
      port: sandbox.smtps!.port,
      secure: true,
      tls: { rejectUnauthorized: false },
      auth: { user: 'app', pass: 'secret' },
    });
    const info = await transport.sendMail({ from: 'app@example.com', to: 'tls@example.com', subject: 'over smtps', text: 'encrypted' });
    expect(info.response).toMatch(/^250 /);
    const message = await sandbox.waitForMessage({ to: 'tls@example.com' }, { timeout: 5000 });
    expect(message.content.meta.subject).toBe('over smtps');
  });

  it('speaks TLS before anything else and offers no STARTTLS inside it; the plain port still offers STARTTLS', async () => {
    const socket = tls.connect({ host: sandbox.smtps!.host, port: sandbox.smtps!.port, rejectUnauthorized: false });
    let received = '';
    const until = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => (pattern.test(received) ? resolve() : socket.once('data', check));
        check();
      });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    await until(/^220 .*\r\n/);
    socket.write('EHLO client.example\r\n');
    await until(/^250 .*\r\n/m);
    socket.end('QUIT\r\n');
    const ehlo = received;
    expect(ehlo).toMatch(/^220 /);
    expect(ehlo).not.toContain('STARTTLS');

    const plain = nodemailer.createTransport({ host: sandbox.smtp!.host, port: sandbox.smtp!.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    await expect(plain.verify()).resolves.toBe(true);
  });
});
