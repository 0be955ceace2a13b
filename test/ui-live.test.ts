// Changes made outside the UI (REST calls, the store cap, mail clients) show in an open page at once,
// and a lost event stream is visible, retried, and followed by a fresh list.
import { connect } from 'node:net';
import { ImapFlow } from 'imapflow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { AddOptions } from '../server/store/store.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

// The browser shares two cores with other suites: give polled conditions time, not just a second.
vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let browser: Browser;
let sandbox: Sandbox | undefined;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await watched?.page.context().close();
  await sandbox?.close();
  watched = undefined;
  sandbox = undefined;
});

async function open(s: Sandbox): Promise<Page> {
  watched = await openPage(browser, s.url!);
  await watched.page.waitForSelector('[data-testid=live-status][data-status=open]');
  return watched.page;
}

const subjects = (page: Page) => page.locator('.row .row-subject').allTextContents();
const row = (page: Page, subject: string) => page.locator('.row', { hasText: subject });
/** Streaming tests wait on several polls in turn, each of up to 10 s when the suite loads both cores. */
const STREAM_TEST_TIMEOUT_MS = 60_000;
const listRows = (page: Page) => page.locator('.list-spacer').evaluate((el) => parseInt(el.style.height, 10) / 72);
/** Whether the rows in view are loaded, and read down in id order without a gap. */
async function loadedInView(page: Page): Promise<{ loading: number; inOrder: boolean }> {
  const inView = await page.locator('.row').evaluateAll((rows) =>
    rows.map((row) => ({ id: Number(row.getAttribute('data-id')), loading: row.classList.contains('row-loading'), top: row.getBoundingClientRect().top })).sort((a, b) => a.top - b.top),
  );
  const ids = inView.filter((row) => !row.loading).map((row) => row.id);
  return { loading: inView.length - ids.length, inOrder: ids.length > 10 && ids.every((id, i) => i === 0 || id === ids[i - 1] - 1) };
}
/** How many rows the list is off the server's count of its messages, either way. */
async function rowsOff(page: Page, s: Sandbox, folder?: string): Promise<number> {
  const [shown, all] = [await listRows(page), s.store.all()];
  return Math.abs(shown - (folder ? all.filter((message) => message.folder === folder).length : all.length));
}
/** A bare POP3 session: log in, DELE the first message, QUIT (the delete happens at QUIT). */
async function pop3DeleteFirst(s: Sandbox): Promise<string> {
  const socket = connect(s.pop3!.port, s.pop3!.host);
  let transcript = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (transcript += chunk));
  const replies = async (count: number) => {
    while ((transcript.match(/^[+-].*\r\n/gm) ?? []).length < count) await new Promise((resolve) => socket.once('data', resolve));
  };
  await replies(1);
  let expected = 1;
  for (const command of ['USER any', 'PASS any', 'DELE 1', 'QUIT']) {
    socket.write(`${command}\r\n`);
    await replies(++expected);
  }
  socket.end();
  return transcript;
}

/** Adds mail straight to the store, numbered in its subject: "Mail 0", "Mail 1", ... */
function numberedMail(s: Sandbox): { added: number; add: (options?: AddOptions) => void } {
  const mail = {
    added: 0,
    add: (options: AddOptions = {}) => {
      s.store.add(Buffer.from(`From: app@example.com\r\nSubject: Mail ${mail.added++}\r\n\r\nbody\r\n`), { mailFrom: 'app@example.com', rcptTo: ['dev@example.com'] }, options);
    },
  };
  return mail;
}

const patch = (s: Sandbox, id: number, body: object) =>
  api(s, `/api/v1/messages/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('UI: live updates', () => {
  it('shows flags, deletes, moves, evictions and clears made through the API', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, maxMessages: 4 });
    const s = sandbox;
    const ids: number[] = [];
    for (const subject of ['alpha', 'bravo', 'charlie']) ids.push(await sendMail(s, { subject, text: subject }));
    const page = await open(s);
    await expect.poll(() => subjects(page)).toEqual(['charlie', 'bravo', 'alpha']);

    await patch(s, ids[1], { flagged: true });
    await expect.poll(() => row(page, 'bravo').locator('.row-flag').getAttribute('aria-pressed')).toBe('true');
    await patch(s, ids[1], { seen: true });
    await expect.poll(() => row(page, 'bravo').getAttribute('class')).toContain(' read');
    await expect.poll(() => page.title()).toBe('(2) mailsandbox');

    await api(s, `/api/v1/messages/${ids[0]}`, { method: 'DELETE' });
    await expect.poll(() => subjects(page)).toEqual(['charlie', 'bravo']);

    // Moving to Archive: gone from the INBOX view, there in Archive (with its new id).
    await page.getByRole('button', { name: /^INBOX/ }).click();
    await patch(s, ids[2], { folder: 'Archive' });
    await expect.poll(() => subjects(page)).toEqual(['bravo']);
    await page.getByRole('button', { name: /^Archive/ }).click();
    await expect.poll(() => subjects(page)).toEqual(['charlie']);
    await page.getByRole('button', { name: /^All mail/ }).click();

    // The cap is 4: three more push the oldest out.
    for (const subject of ['delta', 'echo', 'foxtrot']) await sendMail(s, { subject });
    await expect.poll(() => subjects(page)).toEqual(['foxtrot', 'echo', 'delta', 'charlie']);

    await api(s, '/api/v1/messages', { method: 'DELETE' });
    await expect.poll(() => subjects(page)).toEqual([]);
    await expect.poll(() => page.title()).toBe('mailsandbox');
    expect(watched!.errors).toEqual([]);
  });

  it('shows what IMAP and POP3 clients do: flags, moves, deletes and new folders', async () => {
    sandbox = await startSandbox({});
    const s = sandbox;
    const ids: number[] = [];
    for (const subject of ['oldest', 'flag me', 'move me']) ids.push(await sendMail(s, { subject, text: subject }));
    const page = await open(s);
    await expect.poll(() => subjects(page)).toEqual(['move me', 'flag me', 'oldest']);

    const client = new ImapFlow({ host: s.imap!.host, port: s.imap!.port, secure: false, auth: { user: 'any', pass: 'any' }, logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd(String(ids[1]), ['\\Flagged', '\\Seen'], { uid: true });
        await expect.poll(() => row(page, 'flag me').locator('.row-flag').getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => row(page, 'flag me').getAttribute('class')).toContain(' read');
        await client.messageFlagsRemove(String(ids[1]), ['\\Flagged'], { uid: true });
        await expect.poll(() => row(page, 'flag me').locator('.row-flag').getAttribute('aria-pressed')).toBe('false');

        await page.getByRole('button', { name: /^INBOX/ }).click();
        await expect.poll(() => subjects(page)).toEqual(['move me', 'flag me', 'oldest']);
        await client.messageMove(String(ids[2]), 'Archive', { uid: true });
        await expect.poll(() => subjects(page)).toEqual(['flag me', 'oldest']);
        await page.getByRole('button', { name: /^All mail/ }).click();
        await expect.poll(() => subjects(page)).toEqual(['move me', 'flag me', 'oldest']);

        await client.mailboxCreate('Receipts');
        await page.getByRole('button', { name: /^Receipts/ }).waitFor();
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }

    const transcript = await pop3DeleteFirst(s);
    expect(transcript).not.toMatch(/^-ERR/m);
    await expect.poll(() => subjects(page)).toEqual(['move me', 'flag me']);
    expect(watched!.errors).toEqual([]);
  });

  it('keeps up with a steady stream of mail, also while switching filters', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, smtpPort: null });
    const s = sandbox;
    const add = (subject: string) =>
      s.store.add(Buffer.from(`From: app@example.com\r\nSubject: ${subject}\r\n\r\nbody\r\n`), { mailFrom: 'app@example.com', rcptTo: ['dev@example.com'] });
    s.store.move([add('Archived one').id], 'Archive');
    for (let n = 0; n < 300; n++) add(`Old ${n}`);
    const page = await open(s);
    await row(page, 'Old 299').waitFor();

    let streamed = 0;
    const stream = setInterval(() => add(`Stream ${streamed++}`), 3);
    try {
      await page.getByRole('button', { name: /^Archive/ }).click();
      await expect.poll(() => subjects(page)).toEqual(['Archived one']);
      // Back to all mail while mail keeps coming: the list must switch now, not when it stops.
      await page.getByRole('button', { name: /^All mail/ }).click();
      await expect.poll(() => rowsOff(page, s)).toBeLessThan(30);
      expect(streamed).toBeGreaterThan(0);
    } finally {
      clearInterval(stream);
    }
    const total = s.store.stats().messages;
    await expect.poll(() => page.locator('.list-spacer').evaluate((el) => el.style.height)).toBe(`${total * 72}px`);
    const newest = s.store.all().at(-1)!.id;
    await expect.poll(() => page.locator('.row').evaluateAll((rows) => rows.slice(0, 5).map((r) => Number(r.getAttribute('data-id'))))).toEqual([0, 1, 2, 3, 4].map((i) => newest - i));
    expect(watched!.errors).toEqual([]);
  }, STREAM_TEST_TIMEOUT_MS);

  it('keeps its count while the cap evicts mail it never loaded, with or without a folder filter', async () => {
    const CAP = 1000;
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, smtpPort: null, maxMessages: CAP });
    const s = sandbox;
    const mail = numberedMail(s);
    const add = () => mail.add({ folder: mail.added % 3 === 0 ? 'Archive' : 'INBOX' });
    for (let n = 0; n < CAP; n++) add();
    const page = await open(s);
    await row(page, `Mail ${CAP - 1}`).waitFor();

    // Only the top of the list is loaded, so most of what the cap evicts is rows the page never saw.
    let stream = setInterval(add, 3);
    try {
      await expect.poll(() => mail.added).toBeGreaterThan(CAP + 300);
      await expect.poll(() => rowsOff(page, s)).toBeLessThan(30);
      // Scrolled down while mail streams in and out at the cap: the rows in view still load, in order.
      await page.locator('.list-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight * 0.6));
      await expect.poll(() => loadedInView(page)).toMatchObject({ loading: 0, inOrder: true });
    } finally {
      clearInterval(stream);
    }
    await expect.poll(() => rowsOff(page, s)).toBe(0);

    await page.getByRole('button', { name: /^INBOX/ }).click();
    await expect.poll(() => rowsOff(page, s, 'INBOX')).toBe(0);
    const before = mail.added;
    stream = setInterval(add, 3);
    try {
      await expect.poll(() => mail.added).toBeGreaterThan(before + 300);
      await expect.poll(() => rowsOff(page, s, 'INBOX')).toBeLessThan(30);
    } finally {
      clearInterval(stream);
    }
    await expect.poll(() => rowsOff(page, s, 'INBOX')).toBe(0);
    expect(watched!.errors).toEqual([]);
  }, STREAM_TEST_TIMEOUT_MS);

  it('keeps the unread count in the title current while mail streams in at the cap', async () => {
    const CAP = 300;
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, smtpPort: null, maxMessages: CAP });
    const s = sandbox;
    const mail = numberedMail(s);
    for (let n = 0; n < CAP; n++) mail.add();
    const page = await open(s);
    const titleCount = () => page.evaluate(() => Number(/^\((\d+)\)/.exec(document.title)?.[1] ?? 0));
    await expect.poll(titleCount).toBe(CAP);

    // At the cap each arrival evicts the oldest message: mail that comes in read takes the place of
    // unread mail, so the count falls. The title must follow while the stream goes on, not only
    // once it stops.
    const stream = setInterval(() => mail.add({ flags: ['\\Seen'] }), 3);
    try {
      await expect.poll(titleCount).toBeLessThan(CAP / 2);
    } finally {
      clearInterval(stream);
    }
    expect(mail.added).toBeGreaterThan(CAP + CAP / 2);
    const unread = s.store.counts().unread;
    expect(unread).toBeLessThan(CAP / 2);
    await expect.poll(titleCount).toBe(unread);
    expect(watched!.errors).toEqual([]);
  }, STREAM_TEST_TIMEOUT_MS);

  it('keeps the open message readable after it is deleted elsewhere, and says so', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const id = await sendMail(sandbox, { subject: 'Going away', text: 'still here' });
    const page = await open(sandbox);
    await row(page, 'Going away').click();
    await page.locator('.text-body, iframe.html-frame').first().waitFor();
    await api(sandbox, `/api/v1/messages/${id}`, { method: 'DELETE' });
    await expect.poll(() => page.locator('.banner').textContent()).toContain('deleted or moved');
    expect(await page.locator('.message-subject').textContent()).toBe('Going away');
    expect(await subjects(page)).toEqual([]);
    expect(watched!.errors).toEqual([]);
  });

  it('filters by mailbox, search text and unread, live', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const s = sandbox;
    await sendMail(s, { to: 'alice@example.com', subject: 'For Alice', text: 'invoice attached' });
    const bobId = await sendMail(s, { to: 'bob@example.com', subject: 'For Bob', text: 'newsletter' });
    const page = await open(s);
    await expect.poll(() => subjects(page)).toEqual(['For Bob', 'For Alice']);

    await page.getByRole('button', { name: /^alice@example\.com/ }).click();
    await expect.poll(() => subjects(page)).toEqual(['For Alice']);
    await sendMail(s, { to: 'alice@example.com', subject: 'Alice again' });
    await sendMail(s, { to: 'bob@example.com', subject: 'Bob again' });
    await expect.poll(() => subjects(page)).toEqual(['Alice again', 'For Alice']);
    await page.getByRole('button', { name: /^alice@example\.com/ }).click();

    await page.getByRole('searchbox').fill('INVOICE');
    await expect.poll(() => subjects(page)).toEqual(['For Alice']);
    await page.getByRole('searchbox').fill('');
    await expect.poll(() => subjects(page)).toHaveLength(4);

    await patch(s, bobId, { seen: true });
    await page.getByLabel('Unread only').check();
    await expect.poll(() => subjects(page)).toEqual(['Bob again', 'Alice again', 'For Alice']);
    expect(watched!.errors).toEqual([]);
  });

  it('shows a lost connection, reconnects with backoff, and reloads the list', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const port = sandbox.http!.port;
    await sendMail(sandbox, { subject: 'Before the restart' });
    const page = await open(sandbox);
    await row(page, 'Before the restart').waitFor();

    await sandbox.close();
    await page.waitForSelector('[data-testid=live-status][data-status=closed]');
    expect(await page.getByTestId('live-status').textContent()).toContain('Disconnected');

    // A new sandbox on the same port: the page finds it on its own and shows its (different) mail.
    sandbox = await startSandbox({ httpPort: port, smtpPort: 0, imapPort: null, pop3Port: null });
    await sendMail(sandbox, { subject: 'After the restart' });
    await page.waitForSelector('[data-testid=live-status][data-status=open]', { timeout: 15_000 });
    await expect.poll(() => subjects(page)).toEqual(['After the restart']);
    await sendMail(sandbox, { subject: 'Live again' });
    await expect.poll(() => subjects(page)).toEqual(['Live again', 'After the restart']);
    // While the server goes down and is down, Chromium itself logs what it could not reach: a
    // reconnect attempt, or a late favicon request that is refused, or whose connection the closing
    // server cut (empty response, reset). Nothing else may be logged: no script error, no HTTP error.
    const other = watched!.errors.filter((e) => !/WebSocket connection to .* failed|net::ERR_(CONNECTION_REFUSED|EMPTY_RESPONSE|CONNECTION_RESET)/.test(e.text));
    expect(other).toEqual([]);
  });
});

