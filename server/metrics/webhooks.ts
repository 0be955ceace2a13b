// Webhook counts: deliveries by outcome and the queue's length now.
import { sampled, Tally, type Family, type Slot } from './family.ts';

const OUTCOMES = ['sent', 'failed', 'retried', 'dropped'] as const;
export type WebhookOutcome = (typeof OUTCOMES)[number];

export interface WebhookMetrics {
  /** sent: a 2xx; failed: gave up after the retries; retried: one more attempt; dropped: the queue was full. */
  count(outcome: WebhookOutcome): void;
  measureQueue(length: () => number): void;
}

export function webhookMetrics(): { families: Family[]; metrics: WebhookMetrics } {
  const deliveries = new Tally('counter', 'mailsandbox_webhook_deliveries_total', 'Webhook deliveries by outcome (dropped: the queue was full)', ['outcome']);
  const slots = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, deliveries.slot({ outcome })])) as Record<WebhookOutcome, Slot>;
  let length = () => 0;
  return {
    families: [deliveries, sampled('mailsandbox_webhook_queue', 'Webhook deliveries waiting', () => length())],
    metrics: {
      count: (outcome) => void slots[outcome].value++,
      measureQueue: (read) => void (length = read),
    },
  };
}
