// Store metrics, fed from store events (one counter increment per event) and read from stats() at scrape.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { MessageStore } from '../store/index.ts';

const DELETE_REASONS = ['deleted', 'moved', 'cleared'] as const;

export function registerStoreMetrics(registry: Registry, store: MessageStore): () => void {
  const registers = [registry];
  const stored = new Counter({ name: 'mailsandbox_messages_stored_total', help: 'Messages added to the store (received, appended, copied or moved)', registers });
  const evicted = new Counter({ name: 'mailsandbox_messages_evicted_total', help: 'Messages evicted to stay within --max-messages and --max-bytes', registers });
  const deleted = new Counter({ name: 'mailsandbox_messages_deleted_total', help: 'Messages removed, by reason (deleted: REST, EXPUNGE or POP3; moved: the original of a move; cleared: delete all)', labelNames: ['reason'], registers });
  for (const reason of DELETE_REASONS) deleted.labels(reason).inc(0);
  const stats = () => store.stats();
  new Gauge({ name: 'mailsandbox_store_messages', help: 'Messages held now', registers, collect() { this.set(stats().messages); } });
  new Gauge({ name: 'mailsandbox_store_bytes', help: 'Raw bytes of the messages held now', registers, collect() { this.set(stats().bytes); } });
  new Gauge({ name: 'mailsandbox_store_max_messages', help: 'Messages kept before the oldest are evicted (--max-messages)', registers, collect() { this.set(stats().maxMessages); } });
  new Gauge({ name: 'mailsandbox_store_max_bytes', help: 'Bytes kept before the oldest are evicted (--max-bytes)', registers, collect() { this.set(stats().maxBytes); } });

  return store.subscribe((event) => {
    switch (event.type) {
      case 'message.added':
        return stored.inc();
      case 'message.deleted':
        return deleted.labels(event.reason).inc(event.messages.length);
      case 'message.evicted':
        return evicted.inc(event.messages.length);
      case 'store.cleared':
        if (event.messages.length) deleted.labels('cleared').inc(event.messages.length);
        return;
    }
  });
}
