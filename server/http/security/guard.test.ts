// The browser guard, Basic auth and CORS as route tests (app.request, no server): which requests a
// browser's marks turn away, and that clients without them are served under any Host.
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig, type Config } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import { MessageStore } from '../../store/index.ts';
import { createHttpApp } from '../server.ts';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const RAW = Buffer.from('From: a@example.com\r\nTo: b@example.com\r\nSubject: kept\r\n\r\nbody\r\n');

let store: MessageStore;
beforeEach(() => {
  store = new MessageStore({ maxMessages: 10, maxBytes: 1e6 });
  store.add(RAW, { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] });
});

function app(overrides: Partial<Config> = {}) {
  const config = resolveConfig(overrides);
  return createHttpApp({ store, config, log: silentLogger, version: 'test', listeners: () => ({ smtp: null, imap: null, pop3: null }) });
}

const send = (overrides: Partial<Config>, path: string, headers: Record<string, string>, method = 'GET') =>
  app(overrides).request(`http://sandbox${path}`, { method, headers });

describe('browser guard: Host (DNS rebinding)', () => {
  it('serves clients without browser marks under any Host', async () => {
    for (const host of ['mail:8025', 'mail.example.com:8025', 'host.docker.internal:8025', 'evil.test']) {
      expect((await send({}, '/api/v1/messages', { host, 'user-agent': 'curl/8.5.0' })).status, host).toBe(200);
      expect((await send({}, '/api/v1/messages', { host, 'user-agent': 'node', 'sec-fetch-mode': 'cors' })).status, host).toBe(200);
    }
    expect((await send({}, '/api/v1/messages/1', { host: 'mail:8025' }, 'DELETE')).status).toBe(204);
  });

  it('serves browsers under localhost, *.localhost, IP literals, the bound host and --allowed-hosts', async () => {
    const browser = { origin: 'x', 'sec-fetch-site': 'same-origin', 'user-agent': CHROME };
    const config = { host: 'sandbox.lan', allowedHosts: ['mail.example.test', '.dev.test'] };
    for (const host of ['localhost:8025', 'app.localhost:8025', '127.0.0.1:8025', '[::1]:8025', '10.1.2.3', 'sandbox.lan:8025', 'mail.example.test', 'a.b.dev.test:1', 'dev.test']) {
      expect((await send(config, '/api/v1/messages', { ...browser, host })).status, host).toBe(200);
    }
  });

  it('refuses a browser under any other name, with a JSON error that says how to allow it', async () => {
    const browsers: Record<string, string>[] = [{ origin: 'http://evil.test:8025' }, { 'sec-fetch-site': 'same-origin' }, { 'user-agent': CHROME }];
    for (const marks of browsers) {
      const response = await send({}, '/api/v1/messages', { host: 'evil.test:8025', ...marks });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'foreign-host', message: expect.stringContaining('--allowed-hosts evil.test') } });
    }
    // The UI page itself, and a name without a dot when the page says it is a browser.
    expect((await send({}, '/', { host: 'evil.test:8025', 'user-agent': CHROME })).status).toBe(403);
    expect((await send({}, '/', { host: 'mail:8025', origin: 'http://mail:8025' })).status).toBe(403);
    // A name without a dot cannot come from public DNS: a browser User-Agent alone does not refuse it.
    expect((await send({}, '/api/v1/messages', { host: 'mail:8025', 'user-agent': CHROME })).status).toBe(200);
  });
});

describe('browser guard: cross-site changes', () => {
  const ownOrigin = { host: '127.0.0.1:8025', 'user-agent': CHROME };

  it('lets the UI (same origin) change things', async () => {
    const response = await send({}, '/api/v1/messages/1', { ...ownOrigin, origin: 'http://127.0.0.1:8025', 'sec-fetch-site': 'same-origin' }, 'DELETE');
    expect(response.status).toBe(204);
  });

  it('refuses PATCH, POST, PUT and DELETE from another origin or site, and changes nothing', async () => {
    const foreign: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site' },
      { origin: 'http://localhost:8025', 'sec-fetch-site': 'cross-site' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'none' },
    ];
    for (const marks of foreign) {
      for (const method of ['PATCH', 'POST', 'PUT', 'DELETE']) {
        const response = await send({}, method === 'DELETE' ? '/api/v1/messages' : '/api/v1/messages/1', { ...ownOrigin, ...marks }, method);
        expect(response.status, `${method} ${JSON.stringify(marks)}`).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: 'cross-site' } });
      }
    }
    expect(store.stats().messages).toBe(1);
  });

  it('refuses a WebSocket upgrade from another origin before the upgrade', async () => {
    const upgrade = { ...ownOrigin, upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    expect((await send({}, '/api/v1/events', { ...upgrade, origin: 'http://localhost:3000' })).status).toBe(403);
    expect((await send({ corsOrigins: ['http://localhost:3000'] }, '/api/v1/events', { ...upgrade, origin: 'http://localhost:3000' })).status).not.toBe(403);
  });

  it('lets an origin allowed by --cors-origin read and change, with CORS headers', async () => {
    const config = { corsOrigins: ['http://localhost:3000'] };
    const marks = { ...ownOrigin, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' };
    const read = await send(config, '/api/v1/messages', marks);
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const preflight = await send(config, '/api/v1/messages/1', { ...marks, 'access-control-request-method': 'PATCH' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await send(config, '/api/v1/messages/1', marks, 'DELETE')).status).toBe(204);
    // Another origin gets no CORS header, so its browser keeps the answer from it.
    const other = await send(config, '/api/v1/messages', { ...marks, origin: 'http://localhost:4000' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Basic auth', () => {
  const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
  const config = { uiAuth: [{ user: 'qa', password: 's3cret:x' }] };

  it('guards the UI and the API; health stays open', async () => {
    for (const path of ['/', '/api/v1/messages', '/api/v1/messages/1/raw']) {
      const response = await send(config, path, {});
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="mailsandbox"');
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('user name and password') } });
    }
    expect((await send(config, '/api/v1/health', {})).status).toBe(200);
    expect((await send(config, '/api/v1/messages', basic('qa', 's3cret:x'))).status).toBe(200);
  });

  it('answers a wrong password or user with 401, never a stack trace', async () => {
    for (const headers of [basic('qa', 'wrong'), basic('QA', 's3cret:x'), basic('qa', ''), { authorization: 'Basic %%%' }, { authorization: 'Bearer x' }]) {
      const response = await send(config, '/api/v1/messages', headers, 'DELETE');
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(text).not.toMatch(/at .*\.ts|Error:/);
    }
    expect(store.stats().messages).toBe(1);
  });
});
