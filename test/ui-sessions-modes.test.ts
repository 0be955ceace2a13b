// The Sessions tab says why it shows less under --session-log off (no sessions) and actions (no
// transcript), instead of looking empty or broken.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage } from './helpers/browser.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let browser: Browser;
const sandboxes: Sandbox[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(sandboxes.map((s) => s.close()));
});

async function sessionsTab(sessionLog: 'off' | 'actions') {
  const sandbox = await startSandbox({ sessionLog });
  sandboxes.push(sandbox);
  const id = await sendMail(sandbox, { subject: `under ${sessionLog}` });
  const watched = await openPage(browser, sandbox.url!);
  await watched.page.waitForSelector('[data-testid=live-status][data-status=open]');
  await watched.page.click('[data-testid=sessions-tab]');
  return { ...watched, id };
}

it('--session-log off: the list says sessions are not recorded', async () => {
  const { page, errors } = await sessionsTab('off');
  await expect.poll(() => page.locator('.session-empty').textContent()).toBe('Sessions are not recorded: this sandbox runs with --session-log off.');
  expect(errors).toEqual([]);
  await page.context().close();
});

it('--session-log actions: a session shows its actions and says why it has no transcript', async () => {
  const { page, errors, id } = await sessionsTab('actions');
  await page.locator('.session-row .badge-smtp').click();
  await expect.poll(() => page.locator('[data-testid=session-actions]').textContent()).toContain(`received #${id} `);
  expect(await page.locator('.session-note').textContent()).toBe('No transcript: this sandbox runs with --session-log actions, which keeps the actions only.');
  expect(await page.locator('[data-testid=transcript] li').count()).toBe(0);
  expect(errors).toEqual([]);
  await page.context().close();
});
