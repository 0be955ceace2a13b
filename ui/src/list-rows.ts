// Live events applied to the loaded list (`rows`), and the counters that tell page loads in flight
// what happened meanwhile: `addedOnTop` counts arrivals (they only push rows down), `version` bumps
// on anything else that moves rows, `updates` counts changed rows (an answer asked for before one
// is older than the row), `removals` counts rows taken out anywhere, and `newestSeen` is the newest
// id an arrival or an answer has shown.
import type { LiveEvent, MessageSummary } from '../../server/types.ts';
import { filter, rows } from './state.ts';

export const changes = { version: 0, addedOnTop: 0, updates: 0, removals: 0, newestSeen: 0 };

/** Whether a summary belongs in the filtered list; null when only the server can tell (q, mailbox, tag). */
function belongs(summary: MessageSummary): boolean | null {
  const { folder, mailbox, tag, q, unreadOnly } = filter.value;
  if (folder && summary.folder.toUpperCase() !== folder.toUpperCase()) return false;
  if (unreadOnly && summary.seen) return false;
  return q || mailbox || tag ? null : true;
}

function unfiltered(): boolean {
  const { folder, mailbox, tag, q, unreadOnly } = filter.value;
  return !folder && !mailbox && !tag && !q && !unreadOnly;
}

/**
 * Applies the events, in order, to `rows` with one write; false when one of them cannot be placed and
 * the list must be reloaded. However many arrivals, updates and removals a burst holds, it costs one
 * pass over the list: arrivals are gathered to go on top together, and removals are gathered to be
 * filtered out at the end (ids are never reused, so their order does not matter).
 */
export function changeRows(events: readonly LiveEvent[]): boolean {
  let list = rows.value;
  let own = false; // list is this call's copy, free to change in place
  let indexOf: Map<number, number> | null = null;
  let arrivals: MessageSummary[] = []; // oldest first
  const deleted = new Set<number>();
  const evicted = new Set<number>();
  let placed = true;
  for (const event of events) {
    switch (event.type) {
      case 'message.added': {
        changes.newestSeen = Math.max(changes.newestSeen, event.data.id);
        const fits = belongs(event.data);
        if (fits === null) placed = false;
        else if (fits) {
          changes.addedOnTop++;
          arrivals.push(event.data);
        }
        break;
      }
      case 'message.updated': {
        changes.updates++;
        const arrived = arrivals.findIndex((row) => row.id === event.data.id);
        if (arrived >= 0) {
          arrivals[arrived] = event.data;
          break;
        }
        indexOf ??= indexById(list);
        const index = indexOf.get(event.data.id);
        if (index === undefined) break;
        if (!own) [list, own] = [list.slice(), true];
        list[index] = event.data;
        break;
      }
      case 'message.deleted':
        for (const id of event.data.ids) deleted.add(id);
        break;
      case 'message.evicted':
        for (const id of event.data.ids) evicted.add(id);
        break;
      case 'store.cleared':
        changes.version++;
        [list, own, indexOf, arrivals] = [[], true, null, []];
        deleted.clear();
        evicted.clear();
        break;
      case 'folder.changed':
      case 'session.started':
      case 'session.updated':
      case 'session.ended':
      case 'session.dropped':
      case 'session.line':
        break;
    }
  }
  if (arrivals.length) list = [...arrivals.reverse(), ...list];
  if (deleted.size || evicted.size) {
    const before = list.length;
    const removal = remove(list, deleted, evicted);
    list = removal.kept;
    if (removal.unloaded) {
      // Some of them may be rows not loaded yet: only the server can say which, except for eviction
      // without a filter. Every message is on that list, and eviction takes the oldest, at its bottom.
      if (removal.deletedFound < deleted.size) placed = false;
      const evictedUnloaded = evicted.size - removal.evictedFound;
      if (evictedUnloaded > 0 && unfiltered() && list.slice(-evictedUnloaded).every((row) => row === undefined)) {
        list = list.slice(0, -evictedUnloaded);
      } else if (evictedUnloaded > 0) placed = false;
    }
    // Rows cut from the bottom (eviction) move no other row: pages in flight still fit.
    if (removal.moved) changes.version++;
    if (list.length !== before) changes.removals++;
  }
  if (list !== rows.value) rows.value = list;
  return placed;
}

function indexById(list: ReadonlyArray<MessageSummary | undefined>): Map<number, number> {
  const index = new Map<number, number>();
  list.forEach((row, i) => row && index.set(row.id, i));
  return index;
}

/** The list without the removed ids, how many of each it found, and whether that moved a kept row up. */
function remove(list: ReadonlyArray<MessageSummary | undefined>, deleted: ReadonlySet<number>, evicted: ReadonlySet<number>) {
  const kept: Array<MessageSummary | undefined> = [];
  let [deletedFound, evictedFound, unloaded, moved] = [0, 0, false, false];
  for (const row of list) {
    if (row !== undefined && deleted.has(row.id)) deletedFound++;
    else if (row !== undefined && evicted.has(row.id)) evictedFound++;
    else {
      unloaded ||= row === undefined;
      moved ||= deletedFound + evictedFound > 0;
      kept.push(row);
    }
  }
  return { kept, deletedFound, evictedFound, unloaded, moved };
}
