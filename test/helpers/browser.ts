// Headless Debian Chromium through playwright-core, with every console error and page error of a
// page collected, so a test can assert the UI logged none.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Sandbox, StartOptions } from '../../server/app.ts';
import { api, startSandbox } from './sandbox.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = new URL('../../test-output/', import.meta.url);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps trying to reach Google's services on a closed network.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `extraArgs` e.g. `--host-resolver-rules=MAP evil.test 127.0.0.1` for a DNS-rebinding page. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface ConsoleError {
  text: string;
  /** The document that logged it: the UI, or e.g. a message's /html frame. */
  url: string;
}

export interface WatchedPage {
  page: Page;
  errors: ConsoleError[];
}

export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: ConsoleError[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => errors.push({ text: `uncaught: ${error.message}`, url: page.url() }));
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOT_DIR).pathname });
}

/**
 * The hooks most UI suites share: one sandbox and one browser for the file; after each test the page
 * is closed, the mail deleted, and the page's console errors must be none. `open()` loads the UI
 * and waits for its live connection.
 */
export function uiSuite(options: StartOptions): { readonly sandbox: Sandbox; open(): Promise<Page> } {
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let watched: WatchedPage | undefined;
  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startSandbox(options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });
  afterEach(async () => {
    const errors = watched?.errors ?? [];
    await watched?.page.context().close();
    watched = undefined;
    if (sandbox) await api(sandbox, '/api/v1/messages', { method: 'DELETE' });
    expect(errors).toEqual([]);
  });
  return {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll');
      return sandbox;
    },
    async open() {
      watched = await openPage(browser!, this.sandbox.url!);
      await watched.page.waitForSelector('[data-testid=live-status][data-status=open]');
      return watched.page;
    },
  };
}
