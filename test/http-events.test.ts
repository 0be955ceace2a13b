// The WebSocket event stream with a real ws client, and a raw-socket client that stops reading.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import type { LiveEvent } from '../server/types.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function listen(s: Sandbox): Promise<{ events: LiveEvent[]; socket: WebSocket; next: (type: LiveEvent['type']) => Promise<LiveEvent> }> {
  const socket = new WebSocket(`${s.url!.replace('http', 'ws')}/api/v1/events`);
  const events: LiveEvent[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    events.push(JSON.parse(String(data)) as LiveEvent);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (type: LiveEvent['type']): Promise<LiveEvent> => {
    for (;;) {
      const found = events.find((e) => e.type === type);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return new Promise((resolve, reject) => socket.once('open', () => resolve({ events, socket, next })).once('error', reject));
}

describe('WebSocket /api/v1/events', () => {
  it('streams added, updated, deleted, evicted and cleared in order, with summaries only', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, maxMessages: 2 });
    const { events, socket, next } = await listen(sandbox);
    // The summary's snippet is the start of the text; what lies beyond it never travels.
    const first = await sendMail(sandbox, { subject: 'one', text: `visible start ${'filler '.repeat(30)}secret body text`, html: '<p>secret html</p>' });
    await fetch(`${sandbox.url}/api/v1/messages/${first}`, { method: 'PATCH', body: '{"seen":true}', headers: { 'content-type': 'application/json' } });
    await fetch(`${sandbox.url}/api/v1/messages/${first}`, { method: 'DELETE' });
    for (const subject of ['two', 'three', 'four']) await sendMail(sandbox, { subject });
    await fetch(`${sandbox.url}/api/v1/messages`, { method: 'DELETE' });
    await next('store.cleared');
    socket.close();

    expect(events.map((e) => e.type)).toEqual([
      'message.added',
      'message.updated',
      'message.deleted',
      'message.added',
      'message.added',
      'message.added',
      'message.evicted',
      'store.cleared',
    ]);
    expect(events.every((e) => e.v === 1)).toBe(true);
    const added = events[0];
    expect(added.type === 'message.added' && added.data).toMatchObject({ id: first, subject: 'one', seen: false });
    expect(events[1].type === 'message.updated' && events[1].data.seen).toBe(true);
    expect(events[2]).toEqual({ v: 1, type: 'message.deleted', data: { ids: [first], reason: 'deleted' } });
    expect(events[6]).toEqual({ v: 1, type: 'message.evicted', data: { ids: [first + 1] } });
    expect(added.type === 'message.added' && added.data.snippet).toMatch(/^visible start filler/);
    const wire = JSON.stringify(events);
    expect(wire).not.toContain('secret body text');
    expect(wire).not.toContain('secret html');
  });

  it('cuts off a client that stops reading instead of buffering for it forever', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, smtpPort: null, maxMessages: 100_000 });
    const { port } = sandbox.http!;
    const raw = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => raw.once('connect', resolve));
    raw.write(
      'GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise<void>((resolve) => raw.once('data', () => resolve()));
    raw.pause();
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));

    const subject = 's'.repeat(4000);
    const raw822 = Buffer.from(`From: a@example.com\r\nTo: b@example.com\r\nSubject: ${subject}\r\n\r\nbody\r\n`);
    const produced = 6000;
    for (let i = 0; i < produced; i++) {
      sandbox.store.add(raw822, { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] });
      if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    let received = 0;
    raw.on('data', (chunk: Buffer) => (received += chunk.length));
    raw.resume();
    await closed;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(produced * subject.length);
  });
});
