// The message list as the server sees it, loaded in pages on demand and kept current by live events.
// `rows` has one slot per message of the filtered list; pages fill the holes the user scrolls to.
// New mail only pushes rows down (counted in `addedOnTop`), so a page answered meanwhile can still be
// placed (see placePage). Anything else that moves rows (removals, reloads) bumps `version`, and a
// page answered for an older version is dropped; the list asks again for what is still missing.
import { batch } from '@preact/signals';
import type { LiveEvent, MessageList, MessageSummary } from '../../server/types.ts';
import { listMessages } from './api.ts';
import { refreshSidebar } from './sidebar-data.ts';
import { cursor, detail, filter, listLoaded, openGone, openId, rows, unread } from './state.ts';
import { reportError } from './notice.ts';

const PAGE_SIZE = 200;
const REFRESH_DELAY_MS = 150;
/** How long the view must stay put before its pages load, so pages flown past are never fetched. */
const SETTLE_MS = 80;

let version = 0;
let addedOnTop = 0;
let reloads = 0;
const loadingPages = new Set<number>();
let wanted: [first: number, last: number] = [0, 0];
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
let reloadPending = false;

function fill(target: Array<MessageSummary | undefined>, offset: number, messages: MessageSummary[]): void {
  messages.forEach((message, i) => {
    if (offset + i < target.length && target[offset + i] === undefined) target[offset + i] = message;
  });
}

/** Starts the list afresh from the server (filter changed, reconnected, or it drifted). */
export async function reloadList(): Promise<void> {
  const reload = ++reloads;
  const asked = ++version;
  const addedBefore = addedOnTop;
  loadingPages.clear();
  try {
    const page = await listMessages(filter.value, 0, PAGE_SIZE);
    if (reload !== reloads) return; // a newer reload is on its way
    // Mail that arrived after the server answered would be lost with the old rows: ask again.
    if (asked !== version || addedBefore !== addedOnTop) return scheduleRefresh(true);
    // Dense, not sparse: array methods skip holes, and an unloaded row must still count as a row.
    const fresh = new Array<MessageSummary | undefined>(page.total).fill(undefined);
    fill(fresh, 0, page.messages);
    batch(() => {
      rows.value = fresh;
      unread.value = page.unread;
      listLoaded.value = true;
      if (cursor.value >= fresh.length) cursor.value = Math.max(0, fresh.length - 1);
    });
    loadRange(...wanted);
  } catch (err) {
    reportError(err);
  }
}

/** The rows first..last (inclusive) are in view now; they load once scrolling pauses. */
export function showRange(first: number, last: number): void {
  wanted = [first, last];
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => loadRange(...wanted), SETTLE_MS);
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

/**
 * Where a page asked for at `offset` goes in today's rows, or null if it fits nowhere. Of the mail
 * added on top since the request, the server had already counted some (its total grew by that many,
 * and its offsets include them); only the rest push the page further down. Ids fall strictly down
 * the list, so the page must also agree with the loaded rows it overlaps or touches.
 */
function placePage(offset: number, totalBefore: number, added: number, page: MessageList): number | null {
  const shift = added - (page.total - totalBefore);
  if (shift < 0 || shift > added) return null;
  const start = offset + shift;
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
  const asked = version;
  const addedBefore = addedOnTop;
  const totalBefore = rows.value.length;
  try {
    const result = await listMessages(filter.value, offset, PAGE_SIZE);
    if (asked !== version) return;
    const start = placePage(offset, totalBefore, addedOnTop - addedBefore, result);
    if (start === null) return scheduleRefresh(true);
    const next = rows.value.slice();
    fill(next, start, result.messages);
    rows.value = next;
  } catch (err) {
    reportError(err);
  } finally {
    if (asked === version) loadingPages.delete(page);
  }
  if (asked !== version) loadRange(...wanted);
}

/** Whether a summary belongs in the filtered list; null when only the server can tell (q, mailbox). */
function belongs(summary: MessageSummary): boolean | null {
  const { folder, mailbox, q, unreadOnly } = filter.value;
  if (folder && summary.folder.toUpperCase() !== folder.toUpperCase()) return false;
  if (unreadOnly && summary.seen) return false;
  return q || mailbox ? null : true;
}

function removeIds(ids: number[]): void {
  const gone = new Set(ids);
  const kept: Array<MessageSummary | undefined> = [];
  let cursorShift = 0;
  rows.value.forEach((row, index) => {
    if (row && gone.has(row.id)) {
      if (index < cursor.value) cursorShift++;
    } else kept.push(row);
  });
  if (kept.length === rows.value.length) return;
  version++;
  rows.value = kept;
  cursor.value = Math.max(0, Math.min(cursor.value - cursorShift, kept.length - 1));
}

export function applyLiveEvent(event: LiveEvent): void {
  batch(() => {
    switch (event.type) {
      case 'message.added': {
        const fits = belongs(event.data);
        if (fits === null) return scheduleRefresh(true);
        if (fits) {
          addedOnTop++;
          rows.value = [event.data, ...rows.value];
          // The cursor stays on its message, unless it sits untouched on top: then it marks the newest.
          if (cursor.value > 0 || openId.value !== null) cursor.value++;
        }
        break;
      }
      case 'message.updated': {
        const summary = event.data;
        const index = rows.value.findIndex((row) => row?.id === summary.id);
        if (index >= 0) {
          const next = rows.value.slice();
          next[index] = summary;
          rows.value = next;
        }
        const open = detail.value;
        if (open?.id === summary.id) detail.value = { ...open, seen: summary.seen, flagged: summary.flagged, flags: summary.flags };
        break;
      }
      case 'message.deleted':
      case 'message.evicted':
        removeIds(event.data.ids);
        if (openId.value !== null && event.data.ids.includes(openId.value)) openGone.value = true;
        break;
      case 'store.cleared':
        version++;
        rows.value = [];
        cursor.value = 0;
        if (openId.value !== null) openGone.value = true;
        break;
      case 'folder.changed':
        break;
    }
    scheduleRefresh();
  });
}

/**
 * After a burst of events: fetch the counts and the top of the list in one request. New rows get
 * their snippets (events carry none until a body was parsed), and if the total no longer matches
 * (a change the client could not place, e.g. in a page it never loaded) the list reloads.
 */
export function scheduleRefresh(reload = false): void {
  reloadPending ||= reload;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const full = reloadPending;
    reloadPending = false;
    void (full ? reloadList() : refreshTop());
  }, REFRESH_DELAY_MS);
  refreshSidebar();
}

async function refreshTop(): Promise<void> {
  const asked = version;
  const addedBefore = addedOnTop;
  const withoutSnippet = rows.value.findLastIndex((row) => row !== undefined && !row.snippet);
  const top = Math.min(PAGE_SIZE, Math.max(1, withoutSnippet + 1));
  try {
    const result = await listMessages(filter.value, 0, top);
    // A change while this was in flight has scheduled the next refresh already.
    if (asked !== version || addedBefore !== addedOnTop) return;
    if (result.total !== rows.value.length) return void reloadList();
    const byId = new Map(result.messages.map((m) => [m.id, m]));
    batch(() => {
      rows.value = rows.value.map((row) => (row && byId.get(row.id)) || row);
      unread.value = result.unread;
    });
  } catch (err) {
    reportError(err);
  }
}
