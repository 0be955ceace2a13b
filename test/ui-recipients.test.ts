// A message to many recipients arrives live with a bounded summary: the row names the first
// addresses and counts the rest, without a reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let browser: Browser;
let sandbox: Sandbox;
let watched: WatchedPage;
beforeAll(async () => {
  browser = await launchBrowser();
  sandbox = await startSandbox({ imapPort: null, pop3Port: null });
});
afterAll(async () => {
  await watched?.page.context().close();
  await browser?.close();
  await sandbox?.close();
});

describe('the list row of a message to many recipients', () => {
  it('shows the first addresses and how many more, as it arrives', async () => {
    watched = await openPage(browser, sandbox.url!);
    await watched.page.waitForSelector('[data-testid=live-status][data-status=open]');
    const to = Array.from({ length: 45 }, (_, i) => `person${i}@example.com`);
    await sendMail(sandbox, { subject: 'to many', to, text: 'hello all' });
    const row = watched.page.locator('.row', { hasText: 'to many' });
    await expect.poll(() => row.locator('.row-to').textContent()).toMatch(/^to person0@example\.com, .* and 25 more$/);
    await expect.poll(() => row.locator('.row-snippet').textContent()).toBe('hello all');
  });
});
