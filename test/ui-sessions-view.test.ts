// The Sessions tab in Chromium beyond the first look: the login filter (on the server, and for
// sessions that log in while it is set), durations that count up while a session is open, a
// transcript that follows its tail unless the reader scrolled up, the copy button, and a message's
// History naming where each session came from.
import { describe, expect, it, vi } from 'vitest';
import { LIVE_FRAME_MS } from '../ui/src/live.ts';
import { uiSuite } from './helpers/browser.ts';
import { RawImap } from './helpers/imap.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { sendMail } from './helpers/sandbox.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

/** Room for the tail test's lines; the cut test sends more. */
const MAX_TRANSCRIPT = 24 * 1024;
const ui = uiSuite({ maxTranscript: MAX_TRANSCRIPT });

async function imapLogin(user: string): Promise<RawImap> {
  const client = await RawImap.connect(ui.sandbox);
  expect((await client.command(`LOGIN ${user} secret`)).at(-1)).toMatch(/OK/);
  return client;
}

async function popLogin(user: string): Promise<void> {
  const pop = await LineSocket.open(ui.sandbox.pop3!.port);
  await pop.waitFor(/^\+OK/);
  pop.write(`USER ${user}\r\nPASS secret\r\nQUIT\r\n`);
  await pop.waitFor(/signing off/);
  expect(await pop.closedWithin(2000)).toBe(true);
}

describe('the Sessions tab', () => {
  it('filters by login on the server, keeps the filter for sessions that log in later, and combines it with the protocol', async () => {
    const page = await ui.open();
    await page.click('[data-testid=sessions-tab]');
    const alice = await imapLogin('alice@example.test');
    const bob = await imapLogin('bob@example.test');
    await popLogin('Alice@Example.test');
    const rows = page.locator('.session-row');
    await expect.poll(() => rows.count()).toBe(3);

    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const field = page.locator('[data-testid=session-login-filter]');
    await field.fill('ALICE@example.test');
    // A session starting while the login is typed redraws the list, and must leave the field alone.
    const late = await RawImap.connect(ui.sandbox);
    await expect.poll(() => rows.count()).toBe(4);
    expect(await field.inputValue()).toBe('ALICE@example.test');
    await field.press('Enter');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringMatching(/^POP3.*Alice@Example\.test/), expect.stringMatching(/^IMAP.*alice@example\.test/)]);
    expect(requests.some((url) => new URL(url).searchParams.get('login') === 'ALICE@example.test')).toBe(true);

    // A session matches only once it has logged in: it shows up then, in its place; bob's never does.
    const other = await imapLogin('bob@example.test');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await rows.count()).toBe(2);
    await late.command('LOGIN alice@example.test secret');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toMatch(/^IMAP.*alice@example\.test/);

    await page.click('.session-filter button:has-text("POP3")');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringMatching(/^POP3.*Alice@Example\.test/)]);
    await page.fill('[data-testid=session-login-filter]', 'nobody@example.test');
    await page.press('[data-testid=session-login-filter]', 'Enter');
    await expect.poll(() => page.locator('.session-empty').textContent()).toBe('No session matches the filter.');

    // Emptying the field shows every login again.
    await page.click('.session-filter button:has-text("All")');
    await page.fill('[data-testid=session-login-filter]', '');
    await expect.poll(() => rows.count()).toBe(5);
    for (const client of [alice, bob, late, other]) client.close();
  });

  it('counts the duration of an open session up, follows the tail unless scrolled up, and copies the transcript', async () => {
    const page = await ui.open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('[data-testid=sessions-tab]');
    (await imapLogin('short@example.test')).close();
    const client = await imapLogin('tail@example.test');
    const row = page.locator('.session-row', { hasText: 'tail@example.test' });
    await expect.poll(() => row.count()).toBe(1);
    const seconds = async () => Number(/(\d+(?:\.\d)?) s/.exec((await row.textContent()) ?? '')?.[1]);
    const first = await seconds();
    await expect.poll(seconds).toBeGreaterThanOrEqual(first + 2);

    await row.click();
    const transcript = page.locator('[data-testid=transcript]');
    for (let i = 0; i < 60; i++) await client.command(`NOOP`);
    await expect.poll(() => transcript.locator('.line-client').count()).toBe(61);
    const atBottom = () => transcript.evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight < 24);
    expect(await transcript.evaluate((list) => list.scrollHeight > list.clientHeight)).toBe(true);
    await expect.poll(atBottom).toBe(true);
    // Every line shows its time, to the millisecond.
    const times = await transcript.locator('.line time').allTextContents();
    expect(times.every((time) => /^\d{1,2}:\d\d:\d\d\.\d{3}$/.test(time))).toBe(true);

    await transcript.evaluate((list) => (list.scrollTop = 0));
    await transcript.dispatchEvent('scroll');
    await client.command('CAPABILITY');
    await expect.poll(() => transcript.locator('.line-client').count()).toBe(62);
    expect(await transcript.evaluate((list) => list.scrollTop)).toBe(0);
    await transcript.evaluate((list) => (list.scrollTop = list.scrollHeight));
    await transcript.dispatchEvent('scroll');
    await client.command('NOOP');
    await expect.poll(() => transcript.locator('.line-client').count()).toBe(63);
    await expect.poll(atBottom).toBe(true);

    // Scrolled up, then another session opened and this one again: it opens at its tail.
    await transcript.evaluate((list) => (list.scrollTop = 0));
    await transcript.dispatchEvent('scroll');
    await page.locator('.session-row', { hasText: 'short@example.test' }).click();
    await expect.poll(() => page.locator('[data-testid=session-view]').getAttribute('data-session-id')).not.toBe(await row.getAttribute('data-session-id'));
    await row.click();
    await expect.poll(() => transcript.locator('.line-client').count()).toBe(63);
    await expect.poll(atBottom).toBe(true);

    await page.click('.copy-transcript');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const lines = copied.split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z S: \* OK \[CAPABILITY /);
    expect(lines).toContainEqual(expect.stringMatching(/^\S+Z C: t1 LOGIN tail@example\.test \*\*\*$/));
    expect(copied).not.toContain('secret');
    client.close();
  });

  it('loses no line and shows none twice that comes live while the transcript is being fetched', async () => {
    const page = await ui.open();
    // Count the transcript lines that reach the page live: the socket opened by this reload is watched.
    const liveNoops = vi.fn();
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        if (/"session\.line".*"direction":"client","text":"t\d+ NOOP"/.test(String(payload))) liveNoops();
      }),
    );
    await page.reload();
    await page.waitForSelector('[data-testid=live-status][data-status=open]');
    await page.click('[data-testid=sessions-tab]');
    const client = await imapLogin('racing@example.test');
    const other = await imapLogin('other-racer@example.test');
    const row = page.locator('.session-row', { hasText: 'racing@example.test' });
    await expect.poll(() => row.count()).toBe(1);
    const id = await row.getAttribute('data-session-id');
    const clientLines = page.locator('[data-testid=transcript] .line-client');

    // The server answers the fetch first; NOOPs come live before the browser sees that answer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked = vi.fn();
    await page.route(`**/api/v1/sessions/${id}`, async (route) => {
      const answer = await route.fetch();
      asked();
      await held;
      await route.fulfill({ response: answer });
    });
    await row.click();
    await expect.poll(() => asked.mock.calls.length).toBe(1);
    for (let i = 0; i < 3; i++) await client.command('NOOP');
    await expect.poll(() => liveNoops.mock.calls.length).toBe(3);
    release();
    await expect.poll(() => clientLines.allTextContents()).toEqual([expect.stringMatching(/LOGIN/), ...Array(3).fill(expect.stringMatching(/NOOP/))]);

    // And the other order: lines come live, then an answer that already holds them.
    await page.unroute(`**/api/v1/sessions/${id}`);
    await page.route(`**/api/v1/sessions/${id}`, async (route) => {
      for (let i = 0; i < 2; i++) await client.command('CAPABILITY');
      await route.fulfill({ response: await route.fetch() });
    });
    await page.locator('.session-row', { hasText: 'other-racer@example.test' }).click();
    await expect.poll(() => page.locator('[data-testid=session-view]').getAttribute('data-session-id')).not.toBe(id);
    await row.click();
    await expect.poll(() => clientLines.count()).toBe(6);
    expect(await clientLines.allTextContents()).toEqual([
      expect.stringMatching(/LOGIN/),
      ...Array(3).fill(expect.stringMatching(/NOOP/)),
      ...Array(2).fill(expect.stringMatching(/CAPABILITY/)),
    ]);
    client.close();
    other.close();
  });

  it('marks where a transcript was cut as a note of the sandbox, neither client nor server, with the count of lines not kept', async () => {
    const page = await ui.open();
    await page.click('[data-testid=sessions-tab]');
    const client = await imapLogin('chatty');
    client.write(Array.from({ length: 300 }, (_, i) => `n${i} NOOP\r\n`).join(''));
    await client.waitFor((line) => line.startsWith('n299 '));
    await client.command('LOGOUT');
    await page.locator('.session-row', { hasText: 'chatty' }).click();
    const note = page.locator('[data-testid=transcript-cut]');
    await expect.poll(() => note.textContent()).toMatch(new RegExp(`^\\S+--\\[transcript cut: --max-transcript ${MAX_TRANSCRIPT} bytes reached; later lines are not kept\\] \\(\\d+ lines not kept\\)$`));
    expect(await page.locator('[data-testid=transcript] li').last().getAttribute('data-testid')).toBe('transcript-cut');
    expect(await page.locator('.line-server', { hasText: 'transcript cut' }).count()).toBe(0);
    client.close();
  });

  it("shows in a message's History where each session came from, and what a session still connected does, as it does it", async () => {
    const id = await sendMail(ui.sandbox, { subject: 'whose history', text: 'x' });
    const page = await ui.open();
    await page.locator('.row', { hasText: 'whose history' }).click();
    const entries = page.locator('[data-testid=message-history] li');
    await expect.poll(() => entries.count()).toBe(1);
    const client = await imapLogin('reader');
    await client.command('ID ("name" "history-client" "version" "2")');
    await client.command('SELECT INBOX');
    await client.command(`UID FETCH ${id} (BODY.PEEK[])`);
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toMatch(new RegExp(`^received #${id} .* over SMTP from 127\\.0\\.0\\.1, `));
    expect(await entries.nth(1).textContent()).toMatch(new RegExp(`^fetched #${id} \\(BODY\\.PEEK\\[\\]\\) by history-client 2 over IMAP as reader from 127\\.0\\.0\\.1, `));

    // A burst of other sessions (an app sending mail) costs the open message a few history fetches, not one each.
    const historyFetches = vi.fn();
    page.on('request', (request) => request.url().endsWith(`/messages/${id}/history`) && historyFetches());
    const SENDERS = 60;
    await Promise.all(Array.from({ length: SENDERS }, (_, n) => sendMail(ui.sandbox, { subject: `burst ${n}`, text: 'x' })));
    await expect.poll(() => historyFetches.mock.calls.length).toBeGreaterThan(0);
    expect(historyFetches.mock.calls.length).toBeLessThan(SENDERS / 2);

    // Its session, still open, lists its actions as they happen.
    await page.locator('[data-testid=message-history] a').nth(1).click();
    const actions = page.locator('[data-testid=session-actions] li');
    await expect.poll(() => actions.count()).toBe(1);
    await client.command(`UID STORE ${id} +FLAGS (\\Flagged)`);
    await expect.poll(() => actions.allTextContents()).toEqual([expect.stringMatching(/fetched/), expect.stringMatching(new RegExp(`set \\\\Flagged on #${id}$`))]);
    expect(await page.locator('.session-row[aria-current=true]').textContent()).toContain('active');
    client.close();
  });

  it('renders a burst of SMTP sessions in batches, not once per frame, and ends with every one listed', async () => {
    const page = await ui.open();
    await page.click('[data-testid=sessions-tab]');
    await sendMail(ui.sandbox, { subject: 'first' });
    await page.locator('[data-testid=session-list] .session-row').first().waitFor();
    const frames = vi.fn();
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => /"type":"session\.(started|updated|ended)"/.test(String(payload)) && frames()));
    await page.reload();
    await page.click('[data-testid=sessions-tab]');
    await page.locator('[data-testid=session-list] .session-row').first().waitFor();
    await page.evaluate(() => {
      const list = document.querySelector('[data-testid=session-list]')!;
      const win = window as unknown as { renders: number };
      win.renders = 0;
      new MutationObserver(() => win.renders++).observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    const before = frames.mock.calls.length;
    const started = Date.now();
    const SENDERS = 100;
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < SENDERS) await sendMail(ui.sandbox, { subject: `burst ${next++}` });
      }),
    );
    const burst = ui.sandbox.sessions.list({ limit: SENDERS, offset: 0 }).sessions.map((session) => String(session.id));
    await expect.poll(() => page.locator('.session-row').first().getAttribute('data-session-id')).toBe(burst[0]);
    const listed = await page.locator('.session-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-session-id')));
    expect(listed.slice(0, SENDERS)).toEqual(burst);
    const burstFrames = frames.mock.calls.length - before;
    expect(burstFrames).toBeGreaterThanOrEqual(2 * SENDERS);
    // At most about one render per LIVE_FRAME_MS, which is far fewer than one per frame unless the burst crawled.
    const windows = (Date.now() - started) / LIVE_FRAME_MS;
    expect(await page.evaluate(() => (window as unknown as { renders: number }).renders)).toBeLessThan(Math.max(burstFrames / 2, 1.5 * windows));
  });

  it('shows the newest 200 sessions and older ones on demand', async () => {
    const quick = async () => {
      const pop = await LineSocket.open(ui.sandbox.pop3!.port);
      await pop.waitFor(/^\+OK/);
      pop.write('QUIT\r\n');
      expect(await pop.closedWithin(2000)).toBe(true);
    };
    for (let i = 0; i < 210; i++) await quick();
    const total = ui.sandbox.sessions.list({ limit: 1, offset: 0 }).total;
    const page = await ui.open();
    await page.click('[data-testid=sessions-tab]');
    const rows = page.locator('.session-row');
    await expect.poll(() => rows.count()).toBe(200);
    await page.click('[data-testid=older-sessions]');
    await expect.poll(() => rows.count()).toBe(total);
    expect(await page.locator('[data-testid=older-sessions]').count()).toBe(0);
    const ids = (await rows.evaluateAll((buttons) => buttons.map((b) => Number(b.getAttribute('data-session-id')))));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(total);
  });
});
