// Hostile HTML mail in the UI: no script runs (in the frame or the page), no form posts, and nothing
// remote loads until the user asks for remote images for that message. The "remote" server is a
// local one on 127.0.0.1 that records what reaches it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

// The browser shares two cores with other suites: give polled conditions time, not just a second.
vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let sandbox: Sandbox;
let browser: Browser;
let remote: Server;
const remoteRequests: string[] = [];

beforeAll(async () => {
  remote = createServer((request, response) => {
    remoteRequests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(PIXEL);
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  [sandbox, browser] = await Promise.all([startSandbox({ imapPort: null, pop3Port: null }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => remote?.close(resolve));
});

declare global {
  interface Window {
    pwned?: string;
  }
}

describe('UI: untrusted HTML mail', () => {
  it('runs no script, submits no form and loads nothing remote until "Load remote images"', async () => {
    const origin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    const html = `
      <p id="body">Hello</p>
      <script>window.pwned = 'script'; try { parent.pwned = 'script'; } catch (e) {} document.getElementById('body').textContent = 'pwned';</script>
      <img src="does-not-exist.png" onerror="window.pwned = 'onerror'; try { parent.pwned = 'onerror'; } catch (e) {}">
      <img id="tracker" src="${origin}/pixel.png">
      <form action="${origin}/form" method="post"><input name="secret" value="1"><button id="submit">Send</button></form>`;
    await sendMail(sandbox, { subject: 'Hostile', html, text: 'plain' });

    let watched: WatchedPage | undefined;
    try {
      watched = await openPage(browser, sandbox.url!);
      const { page } = watched;
      await page.locator('.row', { hasText: 'Hostile' }).click();
      const frameElement = page.locator('iframe.html-frame');
      const frame = page.frameLocator('iframe.html-frame');
      await frame.locator('#submit').click();
      // Let anything that could fire (load, error, submit) have its chance.
      await page.waitForTimeout(700);

      expect(await frame.locator('#body').textContent()).toBe('Hello');
      expect(await page.evaluate(() => window.pwned)).toBeUndefined();
      const contentFrame = (await frameElement.elementHandle())!.contentFrame();
      expect(await (await contentFrame)!.evaluate(() => (window as Window).pwned)).toBeUndefined();
      expect(remoteRequests).toEqual([]);
      expect(page.url()).toBe(`${sandbox.url}/`);

      await page.getByRole('button', { name: 'Load remote images' }).click();
      await expect.poll(() => remoteRequests).toContain('GET /pixel.png');
      expect(await frameElement.getAttribute('src')).toMatch(/\/html\?remote=1$/);
      await expect.poll(() => frame.locator('#tracker').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      // Remote images do not turn script or forms back on.
      await frame.locator('#submit').click();
      await page.waitForTimeout(300);
      expect(remoteRequests.filter((r) => !r.endsWith('/pixel.png'))).toEqual([]);
      expect(await page.evaluate(() => window.pwned)).toBeUndefined();
      expect(await frame.locator('#body').textContent()).toBe('Hello');

      // The choice is for this message only.
      await sendMail(sandbox, { subject: 'Next one', html: `<img src="${origin}/second.png">` });
      await page.locator('.row', { hasText: 'Next one' }).click();
      await expect.poll(() => frameElement.getAttribute('src')).toMatch(/\/html$/);
      await page.waitForTimeout(300);
      expect(remoteRequests).not.toContain('GET /second.png');

      // What the blocked mail logs (sandbox and CSP refusals) comes from its own frame; the UI logs nothing.
      const fromUi = watched.errors.filter((e) => !/\/api\/v1\/messages\/\d+\/html/.test(e.url));
      expect(fromUi).toEqual([]);
    } finally {
      await watched?.page.context().close();
    }
  });
});
