// Store metrics: counts fed from store events (an addition per event), sizes read at scrape.
import type { MessageStore } from '../store/index.ts';
import { sampled, Tally, type Family } from './family.ts';

const DELETE_REASONS = ['deleted', 'moved', 'cleared'] as const;

export function storeMetrics(store: MessageStore): { families: Family[]; unsubscribe: () => void } {
  const stored = new Tally('counter', 'mailsandbox_messages_stored_total', 'Messages added to the store (received, appended, copied or moved)');
  const evicted = new Tally('counter', 'mailsandbox_messages_evicted_total', 'Messages evicted to stay within --max-messages and --max-bytes');
  const deleted = new Tally('counter', 'mailsandbox_messages_deleted_total', 'Messages removed, by reason (deleted: REST, EXPUNGE or POP3; moved: the original of a move; cleared: delete all)', ['reason']);
  const storedSlot = stored.slot({});
  const evictedSlot = evicted.slot({});
  const deletedSlots = Object.fromEntries(DELETE_REASONS.map((reason) => [reason, deleted.slot({ reason })])) as Record<(typeof DELETE_REASONS)[number], { value: number }>;
  const stats = () => store.stats();
  const families = [
    stored,
    evicted,
    deleted,
    sampled('mailsandbox_store_messages', 'Messages held now', () => stats().messages),
    sampled('mailsandbox_store_bytes', 'Raw bytes of the messages held now', () => stats().bytes),
    sampled('mailsandbox_store_max_messages', 'Messages kept before the oldest are evicted (--max-messages)', () => stats().maxMessages),
    sampled('mailsandbox_store_max_bytes', 'Bytes kept before the oldest are evicted (--max-bytes)', () => stats().maxBytes),
  ];

  const unsubscribe = store.subscribe((event) => {
    switch (event.type) {
      case 'message.added':
        storedSlot.value++;
        return;
      case 'message.deleted':
        deletedSlots[event.reason].value += event.messages.length;
        return;
      case 'message.evicted':
        evictedSlot.value += event.messages.length;
        return;
      case 'store.cleared':
        deletedSlots.cleared.value += event.messages.length;
        return;
    }
  });
  return { families, unsubscribe };
}
