// The HTTP side over a real listener, with non-browser clients: curl under any Host is served, a
// WebSocket client without Origin connects, one with a foreign Origin is refused before the upgrade,
// and --ui-auth / --metrics-auth guard what they say (curl -u, ws with credentials).
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import { parseCli } from '../server/config.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function curl(url: string, ...args: string[]): Promise<{ status: number; headers: string; body: string }> {
  const { stdout } = await run('curl', ['-s', '-i', '--max-time', '10', ...args, url]);
  const [head, ...rest] = stdout.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') };
}

/** Resolves with 'open' or the refusal's HTTP status. */
function connectWebSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    socket.on('error', reject);
  });
}

describe('non-browser clients', () => {
  it('are served under any Host: curl with a compose name or a foreign name, no configuration', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    await sendMail(sandbox, { subject: 'For the neighbour' });
    for (const host of ['mail:8025', 'mailsandbox', 'sandbox.internal.example.com:8025']) {
      const response = await curl(`${sandbox.url}/api/v1/messages`, '-H', `Host: ${host}`);
      expect(response.status, host).toBe(200);
      expect(JSON.parse(response.body).messages[0].subject).toBe('For the neighbour');
    }
    expect((await curl(`${sandbox.url}/api/v1/messages`, '-H', 'Host: mail:8025', '-X', 'DELETE')).status).toBe(204);
    expect(sandbox.store.stats().messages).toBe(0);
    // A browser header turns the same request away.
    const browser = await curl(`${sandbox.url}/api/v1/messages`, '-H', 'Host: mail:8025', '-H', 'Origin: http://mail:8025');
    expect(browser.status).toBe(403);
    expect(JSON.parse(browser.body).error.code).toBe('foreign-host');
  });

  it('open the event stream without an Origin; a foreign Origin is refused with 403 before the upgrade', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, corsOrigins: ['http://localhost:3000'] });
    const events = `${sandbox.url!.replace('http', 'ws')}/api/v1/events`;
    expect(await connectWebSocket(events)).toBe('open');
    expect(await connectWebSocket(events, { headers: { Host: 'mail:8025' } })).toBe('open');
    expect(await connectWebSocket(events, { origin: sandbox.url! })).toBe('open');
    expect(await connectWebSocket(events, { origin: 'http://localhost:3000' })).toBe('open');
    expect(await connectWebSocket(events, { origin: 'http://localhost:3001' })).toBe('403');
    expect(await connectWebSocket(events, { origin: 'null' })).toBe('403');
  });
});

describe('--ui-auth and --metrics-auth', () => {
  it('reads user:password lines from a file, guards UI, API and WebSocket, leaves health and /metrics open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailsandbox-auth-'));
    const file = join(dir, 'users');
    await writeFile(file, '# the QA team\nqa:first pass\n\ndev:p:ss\n');
    const action = parseCli(['--ui-auth', file]);
    if (action.kind !== 'run') throw new Error('expected a config');
    expect(action.config.uiAuth).toEqual([
      { user: 'qa', password: 'first pass' },
      { user: 'dev', password: 'p:ss' },
    ]);
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, uiAuth: action.config.uiAuth });
    const url = sandbox.url!;

    const refused = await curl(`${url}/api/v1/messages`, '-u', 'qa:wrong');
    expect(refused.status).toBe(401);
    expect(refused.headers).toContain('www-authenticate: basic realm="mailsandbox"');
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await curl(`${url}/`)).status).toBe(401);
    expect((await curl(`${url}/api/v1/messages`, '-u', 'qa:first pass')).status).toBe(200);
    expect((await curl(`${url}/`, '-u', 'dev:p:ss')).status).toBe(200);
    expect((await curl(`${url}/api/v1/health`)).status).toBe(200);
    expect((await curl(`${url}/metrics`)).status).toBe(200);

    const events = `${url.replace('http', 'ws')}/api/v1/events`;
    expect(await connectWebSocket(events)).toBe('401');
    expect(await connectWebSocket(events, { headers: { Authorization: `Basic ${Buffer.from('qa:nope').toString('base64')}` } })).toBe('401');
    expect(await connectWebSocket(events, { headers: { Authorization: `Basic ${Buffer.from('qa:first pass').toString('base64')}` } })).toBe('open');

    // Failed logins are counted; a first request without credentials is the challenge, not a failure.
    expect((await curl(`${url}/metrics`)).body).toContain('mailsandbox_auth_failures_total{protocol="http"} 2');
  });

  it('puts /metrics behind its own credentials with --metrics-auth', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, metricsAuth: [{ user: 'prometheus', password: 'scrape' }] });
    const refused = await curl(`${sandbox.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers).toContain('www-authenticate: basic realm="mailsandbox metrics"');
    const scraped = await curl(`${sandbox.url}/metrics`, '-u', 'prometheus:scrape');
    expect(scraped.status).toBe(200);
    expect(scraped.headers).toContain('content-type: text/plain; version=0.0.4');
    // Without --ui-auth the UI and API stay open.
    expect((await curl(`${sandbox.url}/api/v1/messages`)).status).toBe(200);
  });
});
