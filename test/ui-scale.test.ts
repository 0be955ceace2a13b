// 5,000 messages: the list renders at once, scrolls end to end, loads pages only as they come into
// view, and keeps a bounded number of rows in the DOM. Timings are logged, not asserted (shared CI).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { startSandbox } from './helpers/sandbox.ts';

// The browser shares two cores with other suites: give polled conditions time, not just a second.
vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

const COUNT = 5000;
/** Rows in view plus overscan at 900 px tall; far below COUNT either way. */
const MAX_ROWS_IN_DOM = 60;

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox({ imapPort: null, pop3Port: null, smtpPort: null, maxMessages: 2 * COUNT }), launchBrowser()]);
  for (let n = 1; n <= COUNT; n++) {
    const raw = Buffer.from(
      `From: Sender ${n % 17} <sender${n % 17}@example.com>\r\nTo: user${n % 5}@example.com\r\nSubject: Message ${n}\r\n` +
        `Date: ${new Date(Date.UTC(2026, 0, 1) + n * 60_000).toUTCString()}\r\n\r\nBody of message ${n}.\r\n`,
    );
    sandbox.store.add(raw, { mailFrom: `sender${n % 17}@example.com`, rcptTo: [`user${n % 5}@example.com`] });
  }
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('UI: a large store', () => {
  it(`renders and scrolls ${COUNT} messages with a bounded DOM`, async () => {
    let watched: WatchedPage | undefined;
    try {
      const started = performance.now();
      watched = await openPage(browser, sandbox.url!);
      const { page } = watched;
      const listRequests: string[] = [];
      page.on('request', (r) => r.url().includes('/api/v1/messages?') && listRequests.push(new URL(r.url()).search));
      await page.locator('.row .row-subject', { hasText: `Message ${COUNT}` }).waitFor();
      const firstPaint = performance.now() - started;

      const scroller = page.getByTestId('message-list');
      const spacerHeight = await page.locator('.list-spacer').evaluate((el) => el.getBoundingClientRect().height);
      expect(spacerHeight).toBe(COUNT * 72);
      expect(await page.locator('.row').count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

      // Scroll through the whole list a step per frame, as a fast wheel would, and time the frames.
      const frames = await scroller.evaluate(async (el) => {
        const durations: number[] = [];
        let last = performance.now();
        while (el.scrollTop + el.clientHeight < el.scrollHeight) {
          el.scrollTop += 2400;
          await new Promise(requestAnimationFrame);
          const now = performance.now();
          durations.push(now - last);
          last = now;
        }
        return durations;
      });
      await page.locator('.row .row-subject', { hasText: /^Message 1$/ }).waitFor();
      const rowsAtBottom = await page.locator('.row').count();
      expect(rowsAtBottom).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

      const jumpStarted = performance.now();
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
      await page.locator('.row .row-subject', { hasText: /^Message 250\d$/ }).first().waitFor();
      const jumpToMiddle = performance.now() - jumpStarted;
      expect(await page.locator('.row').count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

      // New mail on top while reading the middle: what is in view stays in view.
      const topRow = () =>
        scroller.evaluate((el) => {
          const box = el.getBoundingClientRect();
          return document.elementFromPoint(box.left + 40, box.top + 30)?.closest('.row')?.getAttribute('data-id');
        });
      const before = await topRow();
      const scrolledBefore = await scroller.evaluate((el) => el.scrollTop);
      sandbox.store.add(Buffer.from('From: late@example.com\r\nSubject: Late arrival\r\n\r\nhi\r\n'), { mailFrom: 'late@example.com', rcptTo: ['user0@example.com'] });
      await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(scrolledBefore + 72);
      expect(await topRow()).toBe(before);
      // A burst lands in one frame, more rows than the list would seek its old top among: still in view.
      for (let n = 0; n < 120; n++) sandbox.store.add(Buffer.from(`From: late@example.com\r\nSubject: Late ${n}\r\n\r\nhi\r\n`), { mailFrom: 'late@example.com', rcptTo: ['user0@example.com'] });
      await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(scrolledBefore + 121 * 72);
      expect(await topRow()).toBe(before);
      sandbox.store.delete(sandbox.store.all().slice(-120).map((message) => message.id));

      // A delete in a page the browser never loaded: the list notices its count is off and reloads.
      const spacer = () => page.locator('.list-spacer').evaluate((el) => el.style.height);
      await expect.poll(spacer).toBe(`${(COUNT + 1) * 72}px`);
      sandbox.store.delete([1000]);
      await expect.poll(spacer).toBe(`${COUNT * 72}px`);

      // A burst of mail while pages further down are loading: every page still lands in its place.
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight * 0.3));
      for (let n = 0; n < 40; n++) {
        sandbox.store.add(Buffer.from(`From: burst@example.com\r\nSubject: Burst ${n}\r\n\r\nhi\r\n`), { mailFrom: 'burst@example.com', rcptTo: ['user0@example.com'] });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await expect.poll(spacer).toBe(`${(COUNT + 40) * 72}px`);
      await expect.poll(() => page.locator('.row-loading').count()).toBe(0);
      const idsInView = await page.locator('.row').evaluateAll((rows) =>
        rows
          .map((row) => ({ id: Number(row.getAttribute('data-id')), top: row.getBoundingClientRect().top }))
          .sort((a, b) => a.top - b.top)
          .map((row) => row.id),
      );
      expect(idsInView.length).toBeGreaterThan(10);
      expect(idsInView.every((id, i) => i === 0 || id === idsInView[i - 1] - 1)).toBe(true);

      // The keyboard cursor scrolls the list when it leaves the view.
      await scroller.evaluate((el) => (el.scrollTop = 0));
      for (let n = 0; n < 30; n++) await page.keyboard.press('j');
      const cursorRow = page.locator('.row.cursor');
      await expect.poll(() => cursorRow.evaluate((row) => row.style.transform)).toBe(`translateY(${30 * 72}px)`);
      const [rowBox, listBox] = [await cursorRow.boundingBox(), await scroller.boundingBox()];
      expect(rowBox!.y).toBeGreaterThanOrEqual(listBox!.y);
      expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(listBox!.y + listBox!.height + 1);

      const sorted = [...frames].sort((a, b) => a - b);
      console.log(
        `[ui-scale] ${COUNT} messages: first rows after ${firstPaint.toFixed(0)} ms (page load included); ` +
          `scroll to the end in ${frames.length} frames, median ${sorted[sorted.length >> 1].toFixed(1)} ms, ` +
          `p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; ` +
          `jump to the middle ${jumpToMiddle.toFixed(0)} ms; rows in DOM ${rowsAtBottom}; list requests ${listRequests.length}`,
      );
      // Pages come as they are scrolled into view, never the whole list at once.
      expect(listRequests.every((search) => Number(new URLSearchParams(search).get('limit')) <= 200)).toBe(true);
      expect(watched.errors).toEqual([]);
    } finally {
      await watched?.page.context().close();
    }
  }, 90_000);
});
