// What one HTTP client may cost: a body over the route's bound is refused with 413 and JSON before
// it is read; headers are bounded in size and in time; a malformed path is a 400, never a 500; and a
// WebSocket listener that never reads is cut before 4 MiB wait for it.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../server/config.ts';
import { MAX_BUFFERED_BYTES } from '../server/http/events.ts';
import { httpLimits, type HttpLimits } from '../server/http/limits.ts';
import { startHttpServer } from '../server/http/server.ts';
import type { RunningListener } from '../server/listener.ts';
import { createLogger, type Fields, type Logger } from '../server/log.ts';
import { MessageStore } from '../server/store/index.ts';

let listener: RunningListener | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await listener?.close();
  listener = undefined;
});

const envelope = { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] };

async function serve(limits: Partial<HttpLimits> = {}, log: Logger = createLogger('json', 'silent')) {
  const store = new MessageStore({ maxMessages: 100_000, maxBytes: 1e9 });
  const config = resolveConfig({ maxMessageSize: 1024 * 1024 });
  const deps = { store, config, log, version: 'test', listeners: () => ({ smtp: null, imap: null, pop3: null }) };
  listener = await startHttpServer(deps, 0, { ...httpLimits(config.maxMessageSize), ...limits });
  return { store, url: `http://127.0.0.1:${listener.port}`, port: listener.port };
}

function rawSocket(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
}

/** Everything the server sends until it closes or `ms` pass. */
function readAll(socket: net.Socket, ms = 5000): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('close', () => resolve(text));
    setTimeout(() => resolve(text), ms);
  });
}

describe('HTTP request bounds', () => {
  it('answers a 100 MB PATCH with 413 and JSON without reading it', async () => {
    const { store, port } = await serve();
    const id = store.add(Buffer.from('Subject: x\r\n\r\nbody\r\n'), envelope).id;
    const socket = await rawSocket(port);
    const reply = readAll(socket);
    socket.write(`PATCH /api/v1/messages/${id} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{"seen":`);
    const text = await reply;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('"code":"body-too-large"');
    expect(text).toContain('65536 bytes');
    // It was refused, not applied.
    expect(store.get(id)!.flags.size).toBe(0);
  });

  it('cuts a chunked body once it passes the bound', async () => {
    const { store, port } = await serve();
    const id = store.add(Buffer.from('Subject: x\r\n\r\nbody\r\n'), envelope).id;
    const socket = await rawSocket(port);
    const reply = readAll(socket);
    socket.write(`PATCH /api/v1/messages/${id} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 6; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(await reply).toMatch(/^HTTP\/1\.1 413 [^]*"code":"body-too-large"/);
  });

  it('lets a route ending in /send take a body up to the largest message, and still bounds it', async () => {
    const { url } = await serve();
    // No such route: what matters is that the body got past the bound to the router.
    const fits = await fetch(`${url}/api/v1/no-such/send`, { method: 'POST', body: 'x'.repeat(200 * 1024) });
    expect(fits.status).toBe(404);
    // The bound leaves room for a message of --max-message-size (1 MB here) sent base64 in JSON.
    const fitsEncoded = await fetch(`${url}/api/v1/no-such/send`, { method: 'POST', body: 'x'.repeat(Math.ceil((1024 * 1024 * 4) / 3)) });
    expect(fitsEncoded.status).toBe(404);
    const tooBig = await fetch(`${url}/api/v1/no-such/send`, { method: 'POST', body: 'x'.repeat(Math.ceil((1024 * 1024 * 4) / 3) + 65 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: 'body-too-large' } });
  });

  it('keeps small PATCH bodies working', async () => {
    const { store, url } = await serve();
    const id = store.add(Buffer.from('Subject: x\r\n\r\nbody\r\n'), envelope).id;
    const response = await fetch(`${url}/api/v1/messages/${id}`, { method: 'PATCH', body: '{"seen":true}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
  });

  it('refuses headers over the size bound with 431', async () => {
    const { port } = await serve();
    const socket = await rawSocket(port);
    const reply = readAll(socket);
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(await reply).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('closes a connection whose headers trickle in past the header timeout', async () => {
    const { port } = await serve({ headersTimeoutMs: 600 });
    const socket = await rawSocket(port);
    const reply = readAll(socket, 8000);
    socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    try {
      expect(await reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(socket.destroyed || socket.readableEnded).toBe(true);
    } finally {
      clearInterval(trickle);
    }
  });

  it.each(['/%E0%A4%A', '/assets/%ff', '/%'])('answers the malformed path %s with 400, never 500', async (path) => {
    const { url } = await serve();
    const response = await fetch(url + path);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'bad-path' } });
  });

  it('answers a malformed id in an API path with 404 JSON', async () => {
    const { url } = await serve();
    const response = await fetch(`${url}/api/v1/messages/%E0%A4%A`);
    expect(response.status).toBe(404);
  });
});

describe('WebSocket backpressure', () => {
  it('cuts a listener that never reads before 4 MiB are queued for it', async () => {
    const warnings: Fields[] = [];
    const log: Logger = { ...createLogger('json', 'silent'), warn: (_message, fields) => void warnings.push(fields ?? {}) };
    const { store, port } = await serve({}, log);
    const socket = await rawSocket(port);
    socket.write(
      'GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    // Frames of about 60 KB (a long subject), so one frame past the bound is a visible overshoot.
    const raw = Buffer.from(`From: a@example.com\r\nSubject: ${'s'.repeat(60_000)}\r\n\r\nbody\r\n`);
    for (let i = 0; i < 1000 && !warnings.length; i++) {
      store.add(raw, envelope);
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0].buffered as number).toBeLessThanOrEqual(MAX_BUFFERED_BYTES);
    expect(warnings[0].buffered as number).toBeGreaterThan(MAX_BUFFERED_BYTES / 2);
  });
});

describe('the UI page', () => {
  it('may not be framed by another page, for older browsers too', async () => {
    const { url } = await serve();
    for (const path of ['/', '/some/client/route']) {
      const response = await fetch(url + path);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });
});
