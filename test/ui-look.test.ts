// Screenshots for a human to look at (test-output/), in light, dark and a narrow window, plus the
// connection panel's content and inline cid images; every page must log no console error.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

// The browser shares two cores with other suites: give polled conditions time, not just a second.
vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let sandbox: Sandbox;
let browser: Browser;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox({ pop3Port: 0, imapPort: 0 }), launchBrowser()]);
  const mails = [
    { from: 'Billing <billing@shop.example>', to: 'alice@example.com', subject: 'Your invoice #1042', text: 'Hi Alice, your invoice for November is attached. Total: 42.00 EUR.', attachments: [{ filename: 'invoice-1042.pdf', content: '%PDF-1.4 fake', contentType: 'application/pdf' }] },
    { from: 'GitHub <noreply@github.example>', to: 'bob@example.com', subject: '[mailsandbox] Pull request #7: add the inspection UI', text: 'A new pull request was opened by someone who likes fast feedback loops.' },
    { from: 'Password Reset <security@app.example>', to: 'carol@example.com', subject: 'Reset your password', text: 'Click the link to reset your password. It expires in 30 minutes.', html: '<div style="font-family:sans-serif;max-width:480px;margin:24px auto"><h2 style="color:#333">Reset your password</h2><p>Someone asked to reset the password for <b>carol@example.com</b>.</p><p><a href="https://app.example/reset?t=abc" style="background:#2f6fde;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Choose a new password</a></p><p style="color:#888;font-size:12px">If that was not you, ignore this mail.</p></div>' },
    { from: 'Newsletter <news@weekly.example>', to: 'alice@example.com', subject: 'This week: SMTP, IMAP and why POP3 still exists', text: 'Three stories about protocols that refuse to die, and one about the people who love them.' },
    { from: 'Cron <cron@server.example>', to: 'ops@example.com', subject: 'Backup finished', text: 'Backup of db-01 finished in 4m12s. 12.4 GB written.' },
  ];
  for (const mail of mails) await sendMail(sandbox, mail);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
afterEach(async () => {
  const errors = watched?.errors ?? [];
  await watched?.page.context().close();
  watched = undefined;
  expect(errors).toEqual([]);
});

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  watched = await openPage(browser, sandbox.url!, options);
  await watched.page.locator('.row', { hasText: 'Backup finished' }).waitFor();
  await watched.page.locator('.row-snippet', { hasText: 'Backup of db-01' }).waitFor();
  return watched.page;
}

async function openReset(page: Page): Promise<void> {
  await page.locator('.row', { hasText: 'Reset your password' }).click();
  await page.frameLocator('iframe.html-frame').locator('h2').waitFor();
}

describe('UI: how it looks', () => {
  it('main view and message view, light', async () => {
    const page = await open({ colorScheme: 'light' });
    await screenshot(page, 'ui-main-light');
    await openReset(page);
    await screenshot(page, 'ui-message-light');
  });

  it('dark mode follows the OS', async () => {
    const page = await open({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(22, 25, 31)');
    await openReset(page);
    await screenshot(page, 'ui-message-dark');
  });

  it('a narrow window shows the list, then the message with a way back', async () => {
    const page = await open({ viewport: { width: 420, height: 800 } });
    await screenshot(page, 'ui-narrow-list');
    await openReset(page);
    expect(await page.locator('.list-pane').isVisible()).toBe(false);
    await screenshot(page, 'ui-narrow-message');
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.locator('.list-pane').isVisible()).toBe(true);
  });

  it('the connection panel lists the listeners and the login rule', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Connect' }).click();
    const panel = page.getByTestId('connection-panel');
    const text = await panel.textContent();
    expect(text).toContain(`127.0.0.1:${sandbox.smtp!.port}`);
    expect(text).toContain(`127.0.0.1:${sandbox.imap!.port}`);
    expect(text).toContain(`127.0.0.1:${sandbox.pop3!.port}`);
    expect(text).toContain('sees mail sent to that address');
    expect(await panel.locator('.snippet').textContent()).toContain(`SMTP_PORT=${sandbox.smtp!.port}`);
    await screenshot(page, 'ui-connection-panel');
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
  });

  it('shows why a malformed message did not parse cleanly', async () => {
    const raw = await readFile(new URL('fixtures/malformed.eml', import.meta.url));
    sandbox.store.add(raw, { mailFrom: 'broken@example.com', rcptTo: ['rcpt@example.com'] });
    const page = await open();
    await page.locator('.row', { hasText: 'malformed' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('is never closed');
  });

  it('shows inline cid: images inside the sandboxed frame', async () => {
    const raw = await readFile(new URL('fixtures/inline-cid.eml', import.meta.url));
    sandbox.store.add(raw, { mailFrom: 'design@example.com', rcptTo: ['rcpt@example.com'] });
    const page = await open();
    await page.locator('.row', { hasText: 'inline image' }).click();
    const image = page.frameLocator('iframe.html-frame').locator('img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  });
});
