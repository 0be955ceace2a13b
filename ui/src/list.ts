// The message list as the server sees it: loaded in pages as the user scrolls, kept current by live
// events (list-rows.ts applies them), and checked against the server's count after each burst.
// Pages and reloads that were in flight while events came in are reconciled, not thrown away, so a
// steady stream of mail cannot starve them.
import { batch } from '@preact/signals';
import type { LiveEvent, MessageList, MessageSummary } from '../../server/types.ts';
import { listMessages } from './api.ts';
import { LIVE_FRAME_MS } from './live.ts';
import { changeRows, changes } from './list-rows.ts';
import { reportError } from './notice.ts';
import { quietTimer } from './quiet-timer.ts';
import { refreshSidebar } from './sidebar-data.ts';
import { cursor, detail, filter, listLoaded, openGone, openId, rows, unread } from './state.ts';

const PAGE_SIZE = 200;
const REFRESH_DELAY_MS = 150;
const REFRESH_MAX_WAIT_MS = 1000;
/**
 * How long the view must stay put before its pages load, so pages flown past are not fetched. Mail
 * arriving above a reader moves the view too, so it waits at most SETTLE_MAX_WAIT_MS.
 */
const SETTLE_MS = 80;
const SETTLE_MAX_WAIT_MS = 300;

let reloads = 0;
/** Events that arrived while the current reload was in flight, to apply on top of its answer. */
let replay: LiveEvent[] | null = null;
const loadingPages = new Set<number>();
let wanted: [first: number, last: number] = [0, 0];
let reloadPending = false;
/** Live events not yet applied: they wait for the next frame. */
let queued: LiveEvent[] = [];
let applyTimer: ReturnType<typeof setTimeout> | undefined;

function fill(target: Array<MessageSummary | undefined>, offset: number, messages: MessageSummary[]): void {
  messages.forEach((message, i) => {
    if (offset + i < target.length && target[offset + i] === undefined) target[offset + i] = message;
  });
}

/** Keeps the cursor on the message it marks while rows move; untouched on top, it marks the newest. */
function followCursor(change: () => void): void {
  const marked = rows.value[cursor.value]?.id;
  const untouchedOnTop = cursor.value === 0 && openId.value === null;
  change();
  const index = marked === undefined || untouchedOnTop ? -1 : rows.value.findIndex((row) => row?.id === marked);
  cursor.value = index >= 0 ? index : Math.max(0, Math.min(cursor.value, rows.value.length - 1));
}

/** Starts the list afresh from the server (filter changed, reconnected, or it drifted). */
export async function reloadList(): Promise<void> {
  applyQueuedEvents(); // they belong to the list as it was; the new answer already reflects them
  const reload = ++reloads;
  changes.version++;
  loadingPages.clear();
  replay = [];
  try {
    const page = await listMessages(filter.value, 0, PAGE_SIZE);
    if (reload !== reloads) return; // a newer reload is on its way
    const arrived = replay;
    replay = null;
    // Dense, not sparse: array methods skip holes, and an unloaded row must still count as a row.
    const fresh = new Array<MessageSummary | undefined>(page.total).fill(undefined);
    fill(fresh, 0, page.messages);
    changes.newestSeen = Math.max(changes.newestSeen, page.newestId);
    let placed = true;
    batch(() => {
      followCursor(() => {
        changes.version++;
        rows.value = fresh;
        placed = changeRows(arrived.filter((event) => event.type !== 'message.added' || event.data.id > page.newestId));
      });
      unread.value = page.unread;
      listLoaded.value = true;
    });
    if (arrived.length || !placed) scheduleRefresh(!placed);
    loadRange(...wanted);
  } catch (err) {
    if (reload === reloads) replay = null;
    reportError(err);
  }
}

const settled = quietTimer(SETTLE_MS, SETTLE_MAX_WAIT_MS, () => loadRange(...wanted));

/** The rows first..last (inclusive) are in view now; they load once scrolling pauses. */
export function showRange(first: number, last: number): void {
  wanted = [first, last];
  settled.schedule();
}

/** Makes sure rows first..last (inclusive) are loaded or on their way. */
function loadRange(first: number, last: number): void {
  wanted = [first, last];
  const current = rows.value;
  const end = Math.min(last, current.length - 1);
  for (let page = Math.floor(first / PAGE_SIZE); page * PAGE_SIZE <= end; page++) {
    if (loadingPages.has(page)) continue;
    const offset = page * PAGE_SIZE;
    if (current.slice(offset, offset + PAGE_SIZE).every((row) => row !== undefined)) continue;
    loadingPages.add(page);
    void loadPage(page, offset);
  }
}

/** How many rows on top arrived after a list that counted ids up to `newestId` was taken, and how many of those are unread. */
function arrivedSince(newestId: number): { count: number; unread: number } {
  let count = 0;
  let unread = 0;
  for (const row of rows.value) {
    if (row === undefined || row.id <= newestId) break;
    count++;
    if (!row.seen) unread++;
  }
  return { count, unread };
}

/**
 * Where a page asked for at `offset` goes in today's rows, or null if it fits nowhere. Mail that
 * arrived after the server took the page pushes it down; mail it counted that has not come over the
 * event stream yet leaves no way to tell. Ids fall strictly down the list, so the page must also
 * agree with the loaded rows it overlaps or touches.
 */
function placePage(offset: number, page: MessageList): number | null {
  if (page.newestId > changes.newestSeen) return null;
  const start = offset + arrivedSince(page.newestId).count;
  const ids = page.messages.map((message) => message.id);
  if (ids.length === 0) return start;
  const current = rows.value;
  if (ids.some((id, i) => current[start + i] !== undefined && current[start + i]!.id !== id)) return null;
  const above = current[start - 1];
  const below = current[start + ids.length];
  if ((above && above.id <= ids[0]) || (below && below.id >= ids[ids.length - 1])) return null;
  return start;
}

async function loadPage(page: number, offset: number): Promise<void> {
  const reload = reloads;
  const asked = changes.version;
  try {
    const result = await listMessages(filter.value, offset, PAGE_SIZE);
    applyQueuedEvents(); // what the server counted in its answer must be on the list before the page is placed
    if (asked !== changes.version) return;
    const start = placePage(offset, result);
    if (start === null) return scheduleRefresh(true);
    const next = rows.value.slice();
    fill(next, start, result.messages);
    rows.value = next;
  } catch (err) {
    reportError(err);
  } finally {
    if (reload === reloads) loadingPages.delete(page); // a reload has started its own set
  }
  if (asked !== changes.version) loadRange(...wanted);
}

/** Takes a live event, to apply with the others that come within LIVE_FRAME_MS. */
export function applyLiveEvent(event: LiveEvent): void {
  queued.push(event);
  applyTimer ??= setTimeout(applyQueuedEvents, LIVE_FRAME_MS);
}

function applyQueuedEvents(): void {
  clearTimeout(applyTimer);
  applyTimer = undefined;
  if (queued.length === 0) return;
  const events = queued;
  queued = [];
  replay?.push(...events);
  batch(() => {
    let placed = true;
    followCursor(() => (placed = changeRows(events)));
    for (const event of events) followOpenMessage(event);
    scheduleRefresh(!placed);
  });
}

/** Keeps the open message's flags current, and says so when it goes. */
function followOpenMessage(event: LiveEvent): void {
  if (event.type === 'message.updated') {
    const open = detail.value;
    const { id, seen, flagged, flags, tags } = event.data;
    if (open?.id === id) detail.value = { ...open, seen, flagged, flags, tags };
  }
  const removed = event.type === 'message.deleted' || event.type === 'message.evicted' ? event.data.ids : [];
  if (openId.value !== null && (event.type === 'store.cleared' || removed.includes(openId.value))) openGone.value = true;
}

/**
 * After a burst of events: fetch the counts and the top of the list in one request. New rows get
 * what changed since the event (rows without a snippet, e.g. mail with no text, are fetched again),
 * and if the total no longer matches (a change the client could not place, e.g. in a page it never
 * loaded) the list reloads. A steady stream has no end of a burst, so it waits at most
 * REFRESH_MAX_WAIT_MS.
 */
function scheduleRefresh(reload = false): void {
  reloadPending ||= reload;
  refresh.schedule();
  refreshSidebar();
}

const refresh = quietTimer(REFRESH_DELAY_MS, REFRESH_MAX_WAIT_MS, () => {
  const full = reloadPending;
  reloadPending = false;
  void (full ? reloadList() : refreshTop());
});

async function refreshTop(): Promise<void> {
  const asked = changes.version;
  const removalsBefore = changes.removals;
  const updatesBefore = changes.updates;
  const withoutSnippet = rows.value.findLastIndex((row) => row !== undefined && !row.snippet);
  const top = Math.min(PAGE_SIZE, Math.max(1, withoutSnippet + 1));
  try {
    const result = await listMessages(filter.value, 0, top);
    applyQueuedEvents();
    // Set even when rows moved or went meanwhile: at the cap every arrival evicts, and a steady
    // stream would keep the count from changing until it stops. What changed since is the next
    // refresh's to count, within a second.
    const arrived = arrivedSince(result.newestId);
    unread.value = result.unread + arrived.unread;
    // Rows moved or went while this was in flight, and that change has scheduled the next refresh already.
    if (asked !== changes.version || removalsBefore !== changes.removals) return;
    if (result.newestId > changes.newestSeen) return; // its events are on their way, and will refresh again
    if (result.total !== rows.value.length - arrived.count) return void reloadList();
    if (updatesBefore !== changes.updates) return; // its event scheduled the next refresh
    const byId = new Map(result.messages.map((m) => [m.id, m]));
    rows.value = rows.value.map((row) => (row && byId.get(row.id)) || row);
  } catch (err) {
    reportError(err);
  }
}
