// The UI behind --ui-auth in Chromium: with the credentials everything works (list, live events over
// the WebSocket, the HTML view with its inline image, marking read); without them, or with a wrong
// password, the browser gets 401 and no UI (the JSON body is checked with curl in http-security).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox({ imapPort: null, pop3Port: null, uiAuth: [{ user: 'qa', password: 'open sesame' }] }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('UI: --ui-auth', () => {
  it('works in full with the credentials: live list, HTML with an inline image, mark read', async () => {
    const watched = await openPage(browser, sandbox.url!, { httpCredentials: { username: 'qa', password: 'open sesame' } });
    try {
      const { page } = watched;
      await page.waitForSelector('[data-testid=live-status][data-status=open]');
      await sendMail(sandbox, {
        subject: 'Behind a password',
        text: 'plain',
        html: '<p id="hello">Hello</p><img id="logo" src="cid:logo@example">',
        attachments: [{ filename: 'logo.png', content: PIXEL, cid: 'logo@example' }],
      });
      await page.locator('.row', { hasText: 'Behind a password' }).click();
      const frame = page.frameLocator('iframe.html-frame');
      await expect.poll(() => frame.locator('#hello').textContent()).toBe('Hello');
      await expect.poll(() => frame.locator('#logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      await expect.poll(() => [...(sandbox.store.list().messages[0]?.flags ?? [])]).toContain('\\Seen');
      expect(watched.errors).toEqual([]);
    } finally {
      await watched.page.context().close();
    }
  });

  it('answers 401 without credentials or with a wrong password', async () => {
    for (const httpCredentials of [undefined, { username: 'qa', password: 'wrong' }]) {
      const context = await browser.newContext(httpCredentials ? { httpCredentials } : {});
      try {
        const page = await context.newPage();
        const answered = page.waitForResponse(`${sandbox.url}/`);
        // Headless Chromium has nobody to ask for a password, so the navigation ends in an error page.
        await page.goto(sandbox.url!).catch(() => null);
        const response = await answered;
        expect(response.status()).toBe(401);
        expect(response.headers()['www-authenticate']).toBe('Basic realm="mailsandbox"');
        expect(await page.locator('[data-testid=live-status]').count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });
});
