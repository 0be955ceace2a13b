// One live event applied to the loaded list (`rows`), and the counters that tell page loads in flight
// what happened meanwhile: `addedOnTop` counts arrivals (they only push rows down), `version` bumps
// on anything else that moves rows.
import type { LiveEvent, MessageSummary } from '../../server/types.ts';
import { filter, rows } from './state.ts';

export const changes = { version: 0, addedOnTop: 0 };

/** Whether a summary belongs in the filtered list; null when only the server can tell (q, mailbox, tag). */
function belongs(summary: MessageSummary): boolean | null {
  const { folder, mailbox, tag, q, unreadOnly } = filter.value;
  if (folder && summary.folder.toUpperCase() !== folder.toUpperCase()) return false;
  if (unreadOnly && summary.seen) return false;
  return q || mailbox || tag ? null : true;
}

function removeIds(ids: number[]): void {
  const gone = new Set(ids);
  const kept = rows.value.filter((row) => !row || !gone.has(row.id));
  if (kept.length === rows.value.length) return;
  changes.version++;
  rows.value = kept;
}

/** Applies the event to `rows`; false when the list cannot place it and must be reloaded. */
export function changeRows(event: LiveEvent): boolean {
  switch (event.type) {
    case 'message.added': {
      const fits = belongs(event.data);
      if (fits === null) return false;
      if (fits) {
        changes.addedOnTop++;
        rows.value = [event.data, ...rows.value];
      }
      return true;
    }
    case 'message.updated': {
      const index = rows.value.findIndex((row) => row?.id === event.data.id);
      if (index >= 0) rows.value = rows.value.with(index, event.data);
      return true;
    }
    case 'message.deleted':
    case 'message.evicted':
      removeIds(event.data.ids);
      return true;
    case 'store.cleared':
      changes.version++;
      rows.value = [];
      return true;
    case 'folder.changed':
    case 'session.started':
    case 'session.updated':
    case 'session.ended':
    case 'session.dropped':
    case 'session.line':
      return true;
  }
}
