// The UI in Chromium: tags (the messages' IMAP keywords) shown on the list and the message, added
// and removed there and filtered from the sidebar; and a search with operators in the search box.
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { screenshot, uiSuite } from './helpers/browser.ts';
import { sendMail } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

const ui = uiSuite({ imapPort: null, pop3Port: null });

const row = (page: Page, subject: string) => page.locator('.row', { hasText: subject });
const subjects = (page: Page) => page.locator('.row .row-subject').allTextContents();

describe('UI: tags', () => {
  it('shows tags from X-Tags, adds and removes them on the message, and filters by one', async () => {
    const tagged = await sendMail(ui.sandbox, { subject: 'Tagged at ingest', text: 'x', headers: { 'X-Tags': 'welcome' } });
    await sendMail(ui.sandbox, { subject: 'Plain one', text: 'y' });
    const page = await ui.open();
    await expect.poll(() => row(page, 'Tagged at ingest').locator('.tag').allTextContents()).toEqual(['welcome']);

    await row(page, 'Tagged at ingest').click();
    const editor = page.locator('.tag-editor');
    await editor.getByLabel('Add tag').fill('urgent');
    await editor.getByLabel('Add tag').press('Enter');
    await expect.poll(() => editor.locator('.tag').allTextContents()).toEqual(['welcome×', 'urgent×']);
    expect(ui.sandbox.store.get(tagged)!.flags.has('urgent')).toBe(true);
    await expect.poll(() => row(page, 'Tagged at ingest').locator('.tag').allTextContents()).toEqual(['welcome', 'urgent']);

    await editor.getByLabel('Remove tag welcome').click();
    await expect.poll(() => editor.locator('.tag').allTextContents()).toEqual(['urgent×']);
    expect([...ui.sandbox.store.get(tagged)!.flags].filter((f) => !f.startsWith('\\'))).toEqual(['urgent']);

    // A keyword set elsewhere (here straight in the store, as IMAP STORE does) shows up live.
    ui.sandbox.store.setFlags([tagged], 'add', ['$label1']);
    await expect.poll(() => editor.locator('.tag').allTextContents()).toEqual(['urgent×', '$label1×']);

    const tags = page.getByRole('navigation', { name: 'Tags' });
    await tags.getByRole('button', { name: /urgent/ }).click();
    await expect.poll(() => subjects(page)).toEqual(['Tagged at ingest']);
    await tags.getByRole('button', { name: /urgent/ }).click();
    await expect.poll(() => subjects(page)).toEqual(['Plain one', 'Tagged at ingest']);
    await screenshot(page, 'ui-tags');
  });
});

describe('UI: search box', () => {
  it('filters with operators of the search language', async () => {
    await sendMail(ui.sandbox, { from: 'billing@shop.example', subject: 'Invoice 7', text: 'Amount due' });
    await sendMail(ui.sandbox, { from: 'news@paper.example', subject: 'Invoice news', text: 'Read all about it' });
    await sendMail(ui.sandbox, { from: 'billing@shop.example', subject: 'Receipt', text: 'Paid, thanks', attachments: [{ filename: 'r.pdf', content: 'pdf' }] });
    const page = await ui.open();
    await expect.poll(() => subjects(page)).toEqual(['Receipt', 'Invoice news', 'Invoice 7']);
    const search = page.getByLabel('Search messages');
    await search.fill('from:billing -has:attachment');
    await expect.poll(() => subjects(page)).toEqual(['Invoice 7']);
    await search.fill('subject:invoice !from:billing');
    await expect.poll(() => subjects(page)).toEqual(['Invoice news']);
    await search.fill('"all about"');
    await expect.poll(() => subjects(page)).toEqual(['Invoice news']);
    await search.fill('');
    await expect.poll(() => subjects(page)).toHaveLength(3);
  });
});
