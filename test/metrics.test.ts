// GET /metrics after real traffic: nodemailer and a raw socket over SMTP, imapflow and a raw socket
// over IMAP, Python's poplib over POP3, a WebSocket client. The exposition is parsed strictly and
// every count checked.
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import { poplib } from './clients/pop3-poplib.ts';
import { parseExposition, type Exposition } from './helpers/prometheus.ts';
import { smtpTransport, startSandbox } from './helpers/sandbox.ts';
import { RawImap } from './helpers/imap.ts';
import { SmtpSocket } from './helpers/smtp-socket.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const USER = { user: 'app', password: 'secret' };

async function scrape(s: Sandbox): Promise<Exposition> {
  const response = await fetch(`${s.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

function imap(s: Sandbox, pass: string) {
  return new ImapFlow({ host: s.imap!.host, port: s.imap!.port, secure: false, auth: { user: USER.user, pass }, logger: false, tls: { rejectUnauthorized: false } });
}

describe('GET /metrics', () => {
  it('is well formed with every series at 0 on a fresh sandbox, plus the process metrics', async () => {
    sandbox = await startSandbox();
    const metrics = await scrape(sandbox);
    for (const protocol of ['smtp', 'imap', 'pop3', 'http']) {
      // The scrape itself is the one HTTP connection.
      expect(metrics.value('mailsandbox_connections_total', { protocol })).toBe(protocol === 'http' ? 1 : 0);
      expect(metrics.value('mailsandbox_auth_failures_total', { protocol })).toBe(0);
    }
    expect(metrics.value('mailsandbox_messages_stored_total')).toBe(0);
    expect(metrics.value('mailsandbox_messages_deleted_total', { reason: 'moved' })).toBe(0);
    expect(metrics.value('mailsandbox_store_max_messages')).toBe(sandbox.config.maxMessages);
    expect(metrics.types.get('mailsandbox_commands_total')).toBe('counter');
    expect(metrics.types.get('mailsandbox_connections_open')).toBe('gauge');
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts what SMTP, IMAP, POP3 and WebSocket clients did', async () => {
    sandbox = await startSandbox({ smtpAuth: 'required', mailAuth: 'required', users: [USER], maxMessages: 3 });
    const s = sandbox;

    // SMTP: one wrong password (535), four messages on four connections, a raw session with two refusals.
    const wrong = smtpTransport(s, { auth: { user: USER.user, pass: 'nope' } });
    await expect(wrong.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' })).rejects.toThrow(/535/);
    wrong.close();
    for (let i = 1; i <= 4; i++) {
      const transport = smtpTransport(s, { auth: { user: USER.user, pass: USER.password } });
      await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: `m${i}`, text: `body ${i}` });
      transport.close();
    }
    const rawSmtp = await SmtpSocket.open(s.smtp!.port);
    await rawSmtp.read();
    expect((await rawSmtp.command('EHLO raw.example')).code).toBe(250);
    expect((await rawSmtp.command('RCPT TO:<b@example.com>')).code).toBe(530);
    expect((await rawSmtp.command('FROB')).code).toBe(500);
    await rawSmtp.command('QUIT');

    // IMAP: a wrong password, a session that reads and appends (the cap of 3 evicts the oldest), a line that does not parse.
    await expect(imap(s, 'nope').connect()).rejects.toThrow();
    const client = imap(s, USER.password);
    await client.connect();
    await client.mailboxOpen('INBOX');
    for await (const message of client.fetch('1:*', { envelope: true })) expect(message.envelope?.subject).toMatch(/^m\d$/);
    await client.append('INBOX', 'From: a@example.com\r\nTo: app@example.com\r\nSubject: appended\r\n\r\nhi\r\n');
    await client.logout();
    const rawImap = await RawImap.connect(s);
    expect((await rawImap.command('FROB')).at(-1)).toMatch(/ BAD /);
    rawImap.close();

    // POP3: a wrong password, then one message read and deleted.
    const refused = await poplib(s.pop3!.port, [['user', USER.user], ['pass', 'nope']]);
    expect(refused.results[1].error).toMatch(/-ERR \[AUTH\]/);
    await poplib(s.pop3!.port, [['user', USER.user], ['pass', USER.password], ['retr', 1], ['dele', 1], ['quit']]);

    // One WebSocket client stays connected while we scrape.
    const socket = new WebSocket(`${s.url!.replace('http', 'ws')}/api/v1/events`);
    await new Promise((resolve, reject) => socket.on('open', resolve).on('error', reject));
    try {
      const metrics = await scrape(s);
      const value = (name: string, labels?: Record<string, string>) => metrics.value(`mailsandbox_${name}`, labels);

      expect(value('messages_received_total', { protocol: 'smtp' })).toBe(4);
      expect(value('messages_received_total', { protocol: 'imap' })).toBe(1);
      expect(value('messages_stored_total')).toBe(5);
      expect(value('messages_evicted_total')).toBe(2);
      expect(value('messages_deleted_total', { reason: 'deleted' })).toBe(1);
      expect(value('store_messages')).toBe(2);
      expect(value('store_bytes')).toBe(s.store.stats().bytes);
      expect(value('store_bytes')).toBeGreaterThan(0);

      expect(value('connections_total', { protocol: 'smtp' })).toBe(6);
      expect(value('connections_total', { protocol: 'imap' })).toBe(3);
      expect(value('connections_total', { protocol: 'pop3' })).toBe(2);
      expect(value('connections_open', { protocol: 'http' })).toBeGreaterThanOrEqual(1);

      expect(value('commands_total', { protocol: 'smtp', command: 'DATA' })).toBe(4);
      expect(value('commands_total', { protocol: 'smtp', command: 'MAIL' })).toBe(4);
      expect(value('commands_total', { protocol: 'smtp', command: 'AUTH' })).toBe(5);
      expect(value('commands_total', { protocol: 'smtp', command: 'unknown' })).toBe(1);
      expect(value('commands_total', { protocol: 'imap', command: 'FETCH' })).toBe(1);
      expect(value('commands_total', { protocol: 'imap', command: 'APPEND' })).toBe(1);
      expect(value('commands_total', { protocol: 'imap', command: 'unknown' })).toBe(1);
      expect(value('commands_total', { protocol: 'pop3', command: 'RETR' })).toBe(1);
      expect(value('commands_total', { protocol: 'pop3', command: 'PASS' })).toBe(2);

      expect(value('auth_failures_total', { protocol: 'smtp' })).toBe(1);
      expect(value('auth_failures_total', { protocol: 'imap' })).toBe(1);
      expect(value('auth_failures_total', { protocol: 'pop3' })).toBe(1);
      expect(value('smtp_rejections_total', { code: '535' })).toBe(1);
      expect(value('smtp_rejections_total', { code: '530' })).toBe(1);
      expect(value('smtp_rejections_total', { code: '500' })).toBe(1);
      expect(value('websocket_clients')).toBe(1);
    } finally {
      socket.close();
    }
    // Closed connections no longer count as open.
    await expect.poll(async () => (await scrape(s)).value('mailsandbox_connections_open', { protocol: 'smtp' })).toBe(0);
    await expect.poll(async () => (await scrape(s)).value('mailsandbox_websocket_clients')).toBe(0);
  });

  it('keeps the counts of sandboxes in one process apart', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const other = await startSandbox({ imapPort: null, pop3Port: null });
    try {
      const transport = smtpTransport(other);
      await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', text: 'x' });
      transport.close();
      expect((await scrape(other)).value('mailsandbox_messages_received_total', { protocol: 'smtp' })).toBe(1);
      expect((await scrape(sandbox)).value('mailsandbox_messages_received_total', { protocol: 'smtp' })).toBe(0);
    } finally {
      await other.close();
    }
  });
});
