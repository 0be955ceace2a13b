// What every list page and live event carries: a bounded summary (the first 20 addresses and the
// counts; the detail has them all), a snippet that is there from the start, and strict paging numbers.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import type { LiveEvent, MessageDetail, MessageList } from '../server/types.ts';
import { api, startSandbox } from './helpers/sandbox.ts';
import { SmtpSocket } from './helpers/smtp-socket.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function events(s: Sandbox): Promise<{ frames: LiveEvent[]; next: (type: LiveEvent['type']) => Promise<LiveEvent>; close: () => void }> {
  const socket = new WebSocket(`${s.url!.replace('http', 'ws')}/api/v1/events`);
  const frames: LiveEvent[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as LiveEvent));
  const next = async (type: LiveEvent['type']) => {
    for (let i = 0; i < 200; i++) {
      const found = frames.find((f) => f.type === type);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no ${type} event`);
  };
  return new Promise((resolve, reject) => socket.once('open', () => resolve({ frames, next, close: () => socket.close() })).once('error', reject));
}

/** Sends over real SMTP with `count` RCPT TO and a To header of `count` addresses. */
async function sendToMany(s: Sandbox, count: number): Promise<void> {
  const smtp = await SmtpSocket.open(s.smtp!.port);
  try {
    await smtp.read();
    await smtp.command('EHLO many');
    await smtp.command('MAIL FROM:<sender@example.com>');
    const addresses = Array.from({ length: count }, (_, i) => `user${i}@example.com`);
    smtp.write(addresses.map((a) => `RCPT TO:<${a}>\r\n`).join(''));
    for (const _ of addresses) expect((await smtp.read()).code).toBe(250);
    expect((await smtp.command('DATA')).code).toBe(354);
    smtp.write(`From: sender@example.com\r\nTo: ${addresses.join(', ')}\r\nSubject: many\r\n\r\nThe first line of the body.\r\n.\r\n`);
    expect((await smtp.read()).code).toBe(250);
  } finally {
    smtp.close();
  }
}

describe('message summaries', () => {
  it('carry the first 20 addresses and the counts, in the list and in live events; the detail has all', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const live = await events(sandbox);
    await sendToMany(sandbox, 300);
    const { body: list } = await api<MessageList>(sandbox, '/api/v1/messages');
    const [summary] = list.messages;
    expect(summary.to).toHaveLength(20);
    expect(summary.envelope.rcptTo).toHaveLength(20);
    expect(summary.to[0].address).toBe('user0@example.com');
    expect(summary.recipientCounts).toEqual({ to: 300, cc: 0, rcptTo: 300 });
    const added = await live.next('message.added');
    live.close();
    expect(added.type === 'message.added' && added.data.to).toHaveLength(20);
    expect(added.type === 'message.added' && added.data.envelope.rcptTo).toHaveLength(20);
    expect(added.type === 'message.added' && added.data.recipientCounts.rcptTo).toBe(300);
    const { body: detail } = await api<MessageDetail>(sandbox, `/api/v1/messages/${summary.id}`);
    expect(detail.to).toHaveLength(300);
    expect(detail.envelope.rcptTo).toHaveLength(300);
  });

  it('events carry the snippet from the first one on, without any body parsed', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const live = await events(sandbox);
    await sendToMany(sandbox, 1);
    const added = await live.next('message.added');
    expect(added.type === 'message.added' && added.data.snippet).toBe('The first line of the body.');
    const id = added.type === 'message.added' ? added.data.id : 0;
    sandbox.store.setFlags([id], 'add', ['\\Flagged']);
    const updated = await live.next('message.updated');
    live.close();
    expect(updated.type === 'message.updated' && updated.data.snippet).toBe('The first line of the body.');
  });
});

describe('paging parameters', () => {
  it.each(['0x10', '1e3', ' 5', '+5', '5.0', '-1', '99999999999999999999'])('refuses limit=%j', async (value) => {
    sandbox ??= await startSandbox({ imapPort: null, pop3Port: null, smtpPort: null });
    const response = await fetch(`${sandbox.url}/api/v1/messages?limit=${encodeURIComponent(value)}&offset=0`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'bad-parameter' } });
  });

  it('takes plain digits for limit and offset', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, smtpPort: null });
    for (let i = 0; i < 3; i++) sandbox.store.add(Buffer.from(`Subject: ${i}\r\n\r\nx\r\n`), { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] });
    const { status, body } = await api<MessageList>(sandbox, '/api/v1/messages?limit=2&offset=1');
    expect(status).toBe(200);
    expect(body.messages.map((m) => m.subject)).toEqual(['1', '0']);
    expect((await fetch(`${sandbox.url}/api/v1/messages?offset=0x1`)).status).toBe(400);
  });
});
