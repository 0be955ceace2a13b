// Hostile web pages against a running sandbox, in real headless Chromium: a page from another origin
// (a second local HTTP server, under 127.0.0.1 and under localhost) and a page under a foreign name
// that resolves to 127.0.0.1 (DNS rebinding, mapped with --host-resolver-rules) try to read mail,
// change it and open the event stream. Every attempt is refused and the store is left as it was.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox;
let browser: Browser;
let attacker: Server;
let attackerPort: number;
let messageId: number;

const REBOUND = 'evil.test';
const LISTED = 'mail.test';

beforeAll(async () => {
  attacker = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Cute cats</title><p>cats</p>'));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
  [sandbox, browser] = await Promise.all([
    startSandbox({ imapPort: null, pop3Port: null }),
    launchBrowser([
      `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1, MAP ${LISTED} 127.0.0.1`,
      // Chromium blocks a fetch from a page it got from the network to 127.0.0.1 on its own (Local
      // Network Access); Firefox and Safari do not. Off here, so the sandbox has to refuse it itself.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
    ]),
  ]);
  messageId = await sendMail(sandbox, { subject: 'Reset your password', text: 'token 123456' });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

interface Attempts {
  [attempt: string]: string;
}

/** Runs in the hostile page: every way a page can reach the sandbox, and what each one got. */
async function attack(page: Page, target: string): Promise<Attempts> {
  return page.evaluate(
    async ({ target, id }) => {
      const results: Record<string, string> = {};
      const attempt = async (name: string, run: () => Promise<string>) => {
        try {
          results[name] = await run();
        } catch (err) {
          results[name] = `failed: ${(err as Error).name}`;
        }
      };
      const statusAndBody = async (response: Response) => (response.type === 'opaque' ? 'opaque' : `${response.status} ${await response.text()}`);
      await attempt('read the list', async () => statusAndBody(await fetch(`${target}/api/v1/messages`)));
      await attempt('read the list with credentials', async () => statusAndBody(await fetch(`${target}/api/v1/messages`, { credentials: 'include' })));
      await attempt('read the source, no-cors', async () => statusAndBody(await fetch(`${target}/api/v1/messages/${id}/raw`, { mode: 'no-cors' })));
      await attempt('delete all', async () => statusAndBody(await fetch(`${target}/api/v1/messages`, { method: 'DELETE' })));
      await attempt('mark read', async () =>
        statusAndBody(await fetch(`${target}/api/v1/messages/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"seen":true}' })),
      );
      await attempt('post text/plain, no-cors', async () =>
        statusAndBody(await fetch(`${target}/api/v1/messages/${id}`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"seen":true}' })),
      );
      await attempt('post a form, no-cors', async () =>
        statusAndBody(await fetch(`${target}/api/v1/messages`, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ confirm: '1' }) })),
      );
      await attempt('open the event stream', () =>
        new Promise((resolve) => {
          const socket = new WebSocket(`${target.replace(/^http/, 'ws')}/api/v1/events`);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('failed: error');
          setTimeout(() => resolve('failed: timeout'), 5_000);
        }),
      );
      // Form posts navigate a frame; the text/plain one smuggles JSON, the classic CSRF.
      for (const [name, enctype, field, value] of [
        ['form post, text/plain JSON', 'text/plain', '{"seen":true,"x":"', '"}'],
        ['form post, urlencoded', 'application/x-www-form-urlencoded', 'seen', 'true'],
      ]) {
        await attempt(name, async () => {
          const frame = document.createElement('iframe');
          frame.name = `target-${enctype}`;
          document.body.append(frame);
          const form = Object.assign(document.createElement('form'), { method: 'POST', action: `${target}/api/v1/messages/${id}`, enctype, target: frame.name });
          form.append(Object.assign(document.createElement('input'), { name: field, value }));
          document.body.append(form);
          const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
          form.submit();
          await loaded;
          return 'submitted';
        });
      }
      return results;
    },
    { target, id: messageId },
  );
}

/** Every response the sandbox gave the page, as `METHOD path status`. */
function sandboxResponses(page: Page, origin: string): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origin) seen.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
  });
  return seen;
}

function expectUntouched() {
  const message = sandbox.store.get(messageId);
  expect(sandbox.store.stats().messages).toBe(1);
  expect(message?.flags.size).toBe(0);
}

describe('a page from another origin', () => {
  it.each(['127.0.0.1', 'localhost'])('on http://%s:<other port> can neither read nor change mail, nor open the event stream', async (attackerHost) => {
    const { page } = await openPage(browser, `http://${attackerHost}:${attackerPort}/`);
    try {
      const responses = sandboxResponses(page, sandbox.url!);
      const results = await attack(page, sandbox.url!);
      // The browser keeps every answer from the page (no CORS headers), and the WebSocket is refused.
      expect(results).toEqual({
        'read the list': 'failed: TypeError',
        'read the list with credentials': 'failed: TypeError',
        'read the source, no-cors': 'opaque',
        'delete all': 'failed: TypeError',
        'mark read': 'failed: TypeError',
        'post text/plain, no-cors': 'opaque',
        'post a form, no-cors': 'opaque',
        'open the event stream': 'failed: error',
        'form post, text/plain JSON': 'submitted',
        'form post, urlencoded': 'submitted',
      });
      // What reached the sandbox and could change something was refused before any handler ran.
      const changes = responses.filter((line) => !/^(GET|OPTIONS) /.test(line));
      expect(changes).toEqual([
        `POST /api/v1/messages/${messageId} 403`,
        'POST /api/v1/messages 403',
        `POST /api/v1/messages/${messageId} 403`,
        `POST /api/v1/messages/${messageId} 403`,
      ]);
      expect(responses).not.toContainEqual(expect.stringMatching(/^(PATCH|DELETE) /));
      expectUntouched();

      // Nor can it frame the UI to trick a click on "Delete all" (clickjacking): frame-ancestors 'self'.
      await page.evaluate((url) => {
        const frame = Object.assign(document.createElement('iframe'), { src: url, id: 'ui' });
        document.body.append(frame);
        return new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      }, `${sandbox.url}/`);
      // Chromium replaces a refused frame with its error page.
      const framed = await (await page.$('#ui'))!.contentFrame();
      expect(framed?.url()).toMatch(/^chrome-error:/);
    } finally {
      await page.context().close();
    }
  });
});

describe('a page under a foreign name that resolves to 127.0.0.1 (DNS rebinding)', () => {
  it('is refused as a page, and its same-origin reads, changes and WebSocket are refused too', async () => {
    const rebound = `http://${REBOUND}:${sandbox.http!.port}`;
    // Opening the sandbox under that name: the UI itself is refused.
    const direct = await openPage(browser, `${rebound}/`);
    try {
      expect(await direct.page.evaluate(() => document.body.textContent)).toContain('foreign-host');
    } finally {
      await direct.page.context().close();
    }

    // The attacker's page was served by the attacker's server before the name was rebound to
    // 127.0.0.1: only that document comes from elsewhere, every request it makes reaches the sandbox.
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.route(`${rebound}/`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Cute cats</title><p>cats</p>' }));
      await page.goto(`${rebound}/`);
      const responses = sandboxResponses(page, rebound);
      const results = await attack(page, rebound);
      const refused = expect.stringMatching(new RegExp(`^403 .*"code":"foreign-host".*--allowed-hosts ${REBOUND}`));
      expect(results).toMatchObject({
        'read the list': refused,
        'read the list with credentials': refused,
        'delete all': refused,
        'mark read': refused,
        'open the event stream': 'failed: error',
      });
      expect(responses.length).toBeGreaterThanOrEqual(9);
      expect(responses.filter((line) => !line.endsWith(' 403'))).toEqual([]);
      expectUntouched();
    } finally {
      await context.close();
    }
  });
});

describe('a page on an origin allowed by --cors-origin', () => {
  it('reads, changes and listens, with CORS headers', async () => {
    const origin = `http://localhost:${attackerPort}`;
    const allowing = await startSandbox({ imapPort: null, pop3Port: null, corsOrigins: [origin] });
    const { page } = await openPage(browser, `${origin}/`);
    try {
      const id = await sendMail(allowing, { subject: 'For the dashboard', text: 'hi' });
      const results = await page.evaluate(
        async ({ target, id }) => {
          const list = await (await fetch(`${target}/api/v1/messages`)).json();
          const patched = await fetch(`${target}/api/v1/messages/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"seen":true}' });
          const live = await new Promise((resolve) => {
            const socket = new WebSocket(`${target.replace(/^http/, 'ws')}/api/v1/events`);
            socket.onopen = () => resolve('open');
            socket.onerror = () => resolve('failed');
          });
          return { subject: list.messages[0].subject, patched: patched.status, live };
        },
        { target: allowing.url!, id },
      );
      expect(results).toEqual({ subject: 'For the dashboard', patched: 200, live: 'open' });
      expect([...allowing.store.get(id)!.flags]).toContain('\\Seen');
    } finally {
      await page.context().close();
      await allowing.close();
    }
  });
});

describe('the UI under a name listed in --allowed-hosts', () => {
  it('works in full: list, live events and changes', async () => {
    const listed = await startSandbox({ imapPort: null, pop3Port: null, allowedHosts: [LISTED] });
    const watched = await openPage(browser, `http://${LISTED}:${listed.http!.port}/`);
    try {
      const { page } = watched;
      await page.waitForSelector('[data-testid=live-status][data-status=open]');
      await sendMail(listed, { subject: 'Seen under its name', text: 'hello' });
      await page.locator('.row', { hasText: 'Seen under its name' }).click();
      await expect.poll(() => [...(listed.store.list().messages[0]?.flags ?? [])]).toContain('\\Seen');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.page.context().close();
      await listed.close();
    }
  });
});
