// The Sessions tab says why it shows less under --session-log off (no sessions) and actions (no
// transcript), and when a listed session was dropped past --max-sessions, instead of looking broken.
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

it('--max-sessions: a session dropped past the cap leaves the list live; its open view stays and says so', async () => {
  const sandbox = await startSandbox({ maxSessions: 2 });
  sandboxes.push(sandbox);
  await sendMail(sandbox, { subject: 'first' });
  const { page, errors } = await openPage(browser, sandbox.url!);
  await page.waitForSelector('[data-testid=live-status][data-status=open]');
  await page.click('[data-testid=sessions-tab]');
  const rows = page.locator('.session-row');
  await expect.poll(() => rows.count()).toBe(1);
  await rows.first().click();
  const view = page.locator('[data-testid=session-view]');
  const firstId = await view.getAttribute('data-session-id');
  await expect.poll(() => page.locator('[data-testid=transcript]').textContent()).toContain('MAIL FROM');
  await sendMail(sandbox, { subject: 'second' });
  await sendMail(sandbox, { subject: 'third' });
  // Never more rows than the sandbox keeps: the first left when the third came.
  await expect.poll(() => page.locator('.notice').textContent()).toBe(`Session #${firstId} is no longer kept: past --max-sessions the oldest are dropped`);
  await expect.poll(() => rows.count()).toBe(2);
  expect(await page.locator(`.session-row[data-session-id="${firstId}"]`).count()).toBe(0);
  expect(await view.getAttribute('data-session-id')).toBe(firstId);
  expect(await page.locator('[data-testid=transcript]').textContent()).toContain('MAIL FROM');
  expect(errors).toEqual([]);
  await page.context().close();
});
