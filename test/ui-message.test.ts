// The UI in Chromium against a real sandbox: mail sent over SMTP shows up live, and opening it shows
// every view of it (HTML in a sandboxed frame, text, headers, source, attachments, SMTP envelope).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import type { MessageDetail } from '../server/types.ts';
import { uiSuite } from './helpers/browser.ts';
import { api, sendMail } from './helpers/sandbox.ts';

// The browser shares two cores with other suites: give polled conditions time, not just a second.
vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

const ui = uiSuite({ imapPort: null, pop3Port: null });

const row = (page: Page, subject: string) => page.locator('.row', { hasText: subject });

describe('UI: message list and message view', () => {
  it('shows mail sent over SMTP without a reload, newest first, with its marks and the unread count in the title', async () => {
    const page = await ui.open();
    await expect.poll(() => page.locator('.empty-list').textContent()).toContain('No mail yet');

    await sendMail(ui.sandbox, { from: 'Ada <ada@example.com>', to: 'bob@example.com', subject: 'First arrival', text: 'hello there' });
    await sendMail(ui.sandbox, {
      to: 'carol@example.com',
      subject: 'Second arrival',
      text: 'with a file',
      attachments: [{ filename: 'notes.txt', content: 'some notes' }],
    });

    await row(page, 'Second arrival').waitFor();
    const subjects = await page.locator('.row .row-subject').allTextContents();
    expect(subjects).toEqual(['Second arrival', 'First arrival']);
    const first = row(page, 'First arrival');
    expect(await first.locator('.row-from').textContent()).toBe('Ada');
    expect(await first.locator('.row-to').textContent()).toContain('bob@example.com');
    expect(await first.getAttribute('class')).toContain('unread');
    // Snippets are not in the event; the list fetches them right after.
    await expect.poll(() => first.locator('.row-snippet').textContent()).toBe('hello there');
    expect(await row(page, 'Second arrival').locator('[data-testid=attachment-mark]').count()).toBe(1);
    expect(await first.locator('[data-testid=attachment-mark]').count()).toBe(0);
    expect(await first.locator('.row-time').textContent()).toBe('just now');
    await expect.poll(() => page.title()).toBe('(2) mailsandbox');
  });

  it('opens a message: HTML in a sandboxed frame, text, headers in raw order, source, attachment download, envelope', async () => {
    const id = await sendMail(ui.sandbox, {
      from: 'app@example.com',
      to: 'Dana <dana@example.com>',
      bcc: 'hidden@example.com',
      subject: 'Your receipt',
      text: 'Thanks for your order.',
      html: '<h1 id="greeting">Thanks!</h1><p>Order <b>42</b></p>',
      headers: { 'X-Order': '42' },
      attachments: [{ filename: 'receipt.csv', content: 'item,price\nbook,12\n', contentType: 'text/csv' }],
    });
    const page = await ui.open();
    await row(page, 'Your receipt').click();
    const view = page.locator('[data-testid=message-view]');
    await view.waitFor();

    expect(await view.locator('.message-subject').textContent()).toBe('Your receipt');
    expect(await view.locator('[data-testid=mail-from]').textContent()).toBe('app@example.com');
    expect(await view.locator('[data-testid=rcpt-to]').textContent()).toBe('dana@example.com, hidden@example.com');

    const frame = view.locator('iframe.html-frame');
    expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(await page.frameLocator('iframe.html-frame').locator('#greeting').textContent()).toBe('Thanks!');

    await view.getByRole('tab', { name: 'Text' }).click();
    expect(await view.locator('.text-body').textContent()).toContain('Thanks for your order.');

    await view.getByRole('tab', { name: 'Headers' }).click();
    const names = await view.locator('.headers th').allTextContents();
    const { body: detail } = await api<MessageDetail>(ui.sandbox, `/api/v1/messages/${id}`);
    expect(names).toEqual(detail.headers.map(([name]) => name));
    expect(names).toContain('X-Order');

    await view.getByRole('tab', { name: 'Source' }).click();
    await expect.poll(() => view.locator('.source').textContent()).toContain('Subject: Your receipt');

    const attachment = view.locator('.attachment', { hasText: 'receipt.csv' });
    expect(await attachment.textContent()).toContain('text/csv');
    const [download] = await Promise.all([page.waitForEvent('download'), attachment.getByText('Download').click()]);
    expect(download.suggestedFilename()).toBe('receipt.csv');
    expect(await readFile(await download.path(), 'utf8')).toBe('item,price\nbook,12\n');

    const [eml] = await Promise.all([page.waitForEvent('download'), view.getByText('Download .eml').click()]);
    expect(eml.suggestedFilename()).toBe(`message-${id}.eml`);
    expect(await readFile(await eml.path(), 'utf8')).toContain('X-Order: 42');
  });

  it('marks a message read when opened, and read/unread and flag from the toolbar reach the store', async () => {
    const id = await sendMail(ui.sandbox, { subject: 'Mark me', text: 'body' });
    const page = await ui.open();
    await expect.poll(() => page.title()).toBe('(1) mailsandbox');
    await row(page, 'Mark me').click();

    await expect.poll(async () => (await api<MessageDetail>(ui.sandbox, `/api/v1/messages/${id}`)).body.seen).toBe(true);
    expect(ui.sandbox.store.get(id)!.flags.has('\\Seen')).toBe(true);
    await expect.poll(() => row(page, 'Mark me').getAttribute('class')).toContain(' read');
    await expect.poll(() => page.title()).toBe('mailsandbox');

    const view = page.locator('[data-testid=message-view]');
    await view.getByRole('button', { name: 'Mark unread' }).click();
    await expect.poll(async () => (await api<MessageDetail>(ui.sandbox, `/api/v1/messages/${id}`)).body.seen).toBe(false);
    await view.getByRole('button', { name: 'Flag' }).click();
    await expect.poll(() => ui.sandbox.store.get(id)!.flags.has('\\Flagged')).toBe(true);
    await expect.poll(() => row(page, 'Mark me').locator('.row-flag').getAttribute('aria-pressed')).toBe('true');
  });

  it('moves with j/k and arrows, opens with Enter, deletes with Delete, and copies the API URL', async () => {
    for (const subject of ['one', 'two', 'three']) await sendMail(ui.sandbox, { subject, text: subject });
    const page = await ui.open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await row(page, 'one').waitFor();

    // The cursor starts on the newest message and is marked once the keyboard is used.
    const cursorSubject = () => page.locator('.row.cursor .row-subject').textContent();
    expect(await page.locator('.row.cursor').count()).toBe(0);
    await page.keyboard.press('j');
    expect(await cursorSubject()).toBe('two');
    await page.keyboard.press('ArrowDown');
    expect(await cursorSubject()).toBe('one');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    const view = page.locator('[data-testid=message-view]');
    await expect.poll(() => view.locator('.message-subject').textContent()).toBe('two');

    await view.getByRole('button', { name: 'Copy API URL' }).click();
    const id = Number(await page.locator('.row.open').getAttribute('data-id'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${ui.sandbox.url}/api/v1/messages/${id}`);

    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.row .row-subject').allTextContents()).toEqual(['three', 'one']);
    expect(ui.sandbox.store.get(id)).toBeUndefined();
  });

  it('deletes all mail only after a second click', async () => {
    await sendMail(ui.sandbox, { subject: 'doomed' });
    const page = await ui.open();
    await row(page, 'doomed').waitFor();
    await page.getByRole('button', { name: 'Delete all' }).click();
    expect(ui.sandbox.store.stats().messages).toBe(1);
    await page.getByRole('button', { name: 'Click again to delete all' }).click();
    await expect.poll(() => page.locator('.empty-list').isVisible()).toBe(true);
    expect(ui.sandbox.store.stats().messages).toBe(0);
  });
});
