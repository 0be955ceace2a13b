// The UI's "Release…" action in Chromium: recipients start as the envelope's, can be edited, and the
// message reaches the relay (a second sandbox); a refusal outside --relay-allow shows the server's reason.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let target: Sandbox;
let sandbox: Sandbox;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  target = await startSandbox({ imapPort: null, pop3Port: null });
  [sandbox, browser] = await Promise.all([
    startSandbox({ imapPort: null, pop3Port: null, relay: `smtp://${target.smtp!.host}:${target.smtp!.port}`, relayAllow: ['*@example.test'] }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await watched?.page.context().close();
  await browser?.close();
  await sandbox?.close();
  await target?.close();
});

describe('UI: Release…', () => {
  it('sends the message on to the edited recipients, and shows a refusal', async () => {
    await sendMail(sandbox, { to: 'first@example.test', subject: 'Release me', text: 'hi' });
    watched = await openPage(browser, sandbox.url!);
    const { page } = watched;
    await page.locator('.row', { hasText: 'Release me' }).click();
    await page.getByRole('button', { name: 'Release…' }).click();
    const input = page.locator('.release-form input[name=to]');
    expect(await input.inputValue()).toBe('first@example.test');
    await input.fill('first@example.test, second@example.test');
    await page.getByRole('button', { name: 'Send' }).click();
    const arrived = await target.waitForMessage({ subject: 'Release me' }, { timeout: 10_000 });
    expect(arrived.envelope.rcptTo).toEqual(['first@example.test', 'second@example.test']);
    await expect.poll(() => page.locator('body').textContent()).toContain('Released to first@example.test, second@example.test');

    await page.getByRole('button', { name: 'Release…' }).click();
    await page.locator('.release-form input[name=to]').fill('boss@elsewhere.test');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('not in --relay-allow: boss@elsewhere.test');
    expect(target.store.stats().messages).toBe(1);
    // The only console error is the browser's note of the 403 itself.
    expect(watched.errors.map((e) => e.text)).toEqual([expect.stringContaining('403')]);
  });
});
