// The Sessions tab in Chromium: a client's lines appear live while it talks, client and server
// lines are told apart, and a message's History links to the session that touched it.
import { connect } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let browser: Browser;
let sandbox: Sandbox;
let watched: WatchedPage;

beforeAll(async () => {
  browser = await launchBrowser();
  sandbox = await startSandbox();
});
afterAll(async () => {
  await watched?.page.context().close();
  await browser?.close();
  await sandbox?.close();
});

it('shows a live IMAP session line by line, and links a message history to its sessions', async () => {
  const id = await sendMail(sandbox, { subject: 'watched mail', text: 'hello' });
  watched = await openPage(browser, sandbox.url!);
  const { page } = watched;
  await page.waitForSelector('[data-testid=live-status][data-status=open]');
  await page.click('[data-testid=sessions-tab]');
  await expect.poll(() => page.locator('.session-row .badge-smtp').count()).toBe(1);

  // A raw IMAP client connects while the tab is open: its row appears, and its lines arrive live.
  const socket = connect(sandbox.imap!.port, sandbox.imap!.host);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  const reply = async (tag: string) => {
    while (!new RegExp(`^${tag} `, 'm').test(received)) await new Promise((resolve) => socket.once('data', resolve));
  };
  await reply('\\*');
  await expect.poll(() => page.locator('.session-row .badge-imap').count()).toBe(1);
  await page.locator('.session-row', { has: page.locator('.badge-imap') }).click();
  await page.waitForSelector('[data-testid=session-view]');
  socket.write('a1 LOGIN browser-user Browser-Secret-99\r\n');
  await reply('a1');
  socket.write('a2 SELECT INBOX\r\n');
  await reply('a2');
  socket.write(`a3 UID STORE ${id} +FLAGS (\\Flagged)\r\n`);
  await reply('a3');
  const transcript = page.locator('[data-testid=transcript]');
  await expect.poll(() => transcript.locator('.line-client .line-text').allTextContents()).toEqual(['a1 LOGIN browser-user ***', 'a2 SELECT INBOX', `a3 UID STORE ${id} +FLAGS (\\Flagged)`]);
  await expect.poll(() => transcript.locator('.line-server .line-text').first().textContent()).toMatch(/^\* OK \[CAPABILITY/);
  expect(await page.content()).not.toContain('Browser-Secret-99');
  await expect.poll(() => page.locator('.session-row[aria-current=true]').textContent()).toContain('browser-user');
  socket.end('a4 LOGOUT\r\n');
  await expect.poll(() => page.locator('[data-testid=session-actions]').textContent()).toContain(`set \\Flagged on #${id}`);
  await expect.poll(() => page.locator('.session-row[aria-current=true]').textContent()).toContain('quit');
  await page.click('.session-filter button:has-text("POP3")');
  await expect.poll(() => page.locator('.session-row').count()).toBe(0);
  await page.click('.session-filter button:has-text("IMAP")');
  await expect.poll(() => page.locator('.session-row').count()).toBe(1);
  await page.click('.session-filter button:has-text("All")');
  await expect.poll(() => page.locator('.session-row').count()).toBe(2);

  // The message's History names both sessions; the IMAP entry opens that session.
  await page.click('.view-switch button:first-child');
  await page.locator('.row', { hasText: 'watched mail' }).click();
  const historyLinks = page.locator('[data-testid=message-history] a');
  await expect.poll(() => historyLinks.allTextContents()).toEqual([`received #${id} from sender@example.com for rcpt@example.com`, `set \\Flagged on #${id}`]);
  await historyLinks.nth(1).click();
  await expect.poll(() => page.locator('[data-testid=session-view] h2').textContent()).toMatch(/^IMAP session #\d+/);
  expect(watched.errors).toEqual([]);
});
