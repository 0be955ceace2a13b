// Webhook counts: deliveries by outcome and the queue's length now.
import { Counter, Gauge, type Registry } from 'prom-client';

export type WebhookOutcome = 'sent' | 'failed' | 'dropped' | 'retried';

export interface WebhookMetrics {
  /** sent: a 2xx; failed: gave up after the retries; dropped: the queue was full; retried: one more attempt. */
  count(outcome: WebhookOutcome): void;
  measureQueue(length: () => number): void;
}

export function registerWebhookMetrics(registry: Registry): WebhookMetrics {
  const deliveries = new Counter({
    name: 'mailsandbox_webhook_deliveries_total',
    help: 'Webhook deliveries by outcome (dropped: the queue was full)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of ['sent', 'failed', 'dropped', 'retried']) deliveries.labels(outcome).inc(0);
  let length = () => 0;
  new Gauge({ name: 'mailsandbox_webhook_queue', help: 'Webhook deliveries waiting', registers: [registry], collect() { this.set(length()); } });
  return {
    count: (outcome) => deliveries.labels(outcome).inc(),
    measureQueue: (read) => void (length = read),
  };
}
