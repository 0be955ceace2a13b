// Counters for Mailpit's RuntimeStats, kept from store events since the HTTP server started.
import type { MessageStore } from '../../store/index.ts';

export interface RuntimeCounters {
  accepted: number;
  acceptedBytes: number;
  deleted: number;
  close(): void;
}

/** Counters that never count, for an app built without a running server. */
export const NO_COUNTS: RuntimeCounters = Object.freeze({ accepted: 0, acceptedBytes: 0, deleted: 0, close: () => undefined });

export function countRuntime(store: MessageStore): RuntimeCounters {
  const counters: RuntimeCounters = { accepted: 0, acceptedBytes: 0, deleted: 0, close: () => unsubscribe() };
  const unsubscribe = store.subscribe((event) => {
    if (event.type === 'message.added' && event.message.folder === 'INBOX') {
      counters.accepted++;
      counters.acceptedBytes += event.message.size;
    } else if (event.type === 'message.deleted' && event.reason === 'deleted') counters.deleted += event.messages.length;
    else if (event.type === 'store.cleared' || event.type === 'message.evicted') counters.deleted += event.messages.length;
  });
  return counters;
}
