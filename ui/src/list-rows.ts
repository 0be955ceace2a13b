// Live events applied to the loaded list (`rows`), and the counters that tell page loads in flight
// what happened meanwhile: `addedOnTop` counts arrivals (they only push rows down), `version` bumps
// on anything else that moves rows, and `updates` counts changed rows (an answer asked for before
// one is older than the row).
import type { LiveEvent, MessageSummary } from '../../server/types.ts';
import { filter, rows } from './state.ts';

export const changes = { version: 0, addedOnTop: 0, updates: 0 };

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
 * the list must be reloaded. Arrivals in a row are gathered and put on top together, so a burst of
 * mail costs one copy of the list, not one per message.
 */
export function changeRows(events: readonly LiveEvent[]): boolean {
  let list = rows.value;
  let arrivals: MessageSummary[] = [];
  let placed = true;
  const putArrivalsOnTop = () => {
    if (arrivals.length === 0) return;
    list = [...arrivals.reverse(), ...list];
    arrivals = [];
  };
  for (const event of events) {
    switch (event.type) {
      case 'message.added': {
        const fits = belongs(event.data);
        if (fits === null) placed = false;
        else if (fits) {
          changes.addedOnTop++;
          arrivals.push(event.data);
        }
        break;
      }
      case 'message.updated': {
        putArrivalsOnTop();
        changes.updates++;
        const index = list.findIndex((row) => row?.id === event.data.id);
        if (index >= 0) list = list.with(index, event.data);
        break;
      }
      case 'message.deleted':
      case 'message.evicted': {
        putArrivalsOnTop();
        const gone = new Set(event.data.ids);
        let kept = list.filter((row) => !row || !gone.has(row.id));
        const unplaced = event.data.ids.length - (list.length - kept.length);
        if (unplaced > 0 && kept.includes(undefined)) {
          // Some of them may be rows not loaded yet. Eviction takes the oldest mail, which is at the
          // bottom of the list; without a filter every message is on it, so those are its last rows.
          const bottom = kept.slice(-unplaced);
          if (event.type === 'message.evicted' && unfiltered() && bottom.length === unplaced && bottom.every((row) => row === undefined)) {
            kept = kept.slice(0, -unplaced);
          } else placed = false;
        }
        if (kept.length === list.length) break;
        changes.version++;
        list = kept;
        break;
      }
      case 'store.cleared':
        arrivals = [];
        changes.version++;
        list = [];
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
  putArrivalsOnTop();
  if (list !== rows.value) rows.value = list;
  return placed;
}
