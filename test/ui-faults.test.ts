// The UI's Faults panel in Chromium: add a rule in the --fault grammar, see a bad one refused with
// the server's line, watch the counter rise as mail meets the rule, clear them all.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { smtpTransport, startSandbox } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let sandbox: Sandbox;
let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox({ imapPort: null, pop3Port: null }), launchBrowser()]);
});
afterAll(async () => {
  await watched?.page.context().close();
  await browser?.close();
  await sandbox?.close();
});

describe('UI: Faults panel', () => {
  it('adds a rule, refuses a bad one, counts firings and clears', async () => {
    watched = await openPage(browser, sandbox.url!);
    const { page } = watched;
    await page.getByRole('button', { name: 'Faults' }).click();
    const panel = page.getByTestId('faults-panel');
    await expect.poll(() => panel.textContent()).toContain('No rules');

    await panel.getByLabel('New rule').fill('rcpt=x:reject=250');
    await panel.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toBe('fault rule "rcpt=x:reject=250": reject=250: expected an SMTP code 400-599 such as 550 or 451');

    await panel.getByLabel('New rule').fill('rcpt=bounce@*:reject=550');
    await panel.getByRole('button', { name: 'Add rule' }).click();
    const row = panel.locator('tr[data-rule="rcpt=bounce@*:reject=550"]');
    await expect.poll(() => row.locator('.fired').textContent()).toBe('0');
    expect(sandbox.faults.snapshot().rules.map((r) => r.rule)).toEqual(['rcpt=bounce@*:reject=550']);

    const transport = smtpTransport(sandbox);
    await expect(transport.sendMail({ from: 'a@example.com', to: 'bounce@example.com', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    transport.close();
    await expect.poll(() => row.locator('.fired').textContent()).toBe('1');
    await expect.poll(() => panel.locator('.fault-log').textContent()).toContain('rcpt=bounce@example.com → reject');

    await panel.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => panel.textContent()).toContain('No rules');
    expect(sandbox.faults.snapshot().rules).toEqual([]);
    // The only console error is the browser's note of the 400 itself.
    expect(watched.errors.map((e) => e.text)).toEqual([expect.stringContaining('400')]);
  });
});
