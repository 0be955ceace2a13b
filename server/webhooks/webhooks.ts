// --webhook: each new message's summary (the event stream's shape, no body) POSTed as JSON to every
// URL. The work is bounded so a slow or dead receiver never slows ingest: one queue of at most
// `maxQueue` deliveries (overflow is dropped and counted), `concurrency` in flight, a timeout per
// attempt, and at most `retries` retries with doubling backoff. Copies (COPY, MOVE) are not new mail.
import { toSummary } from '../http/present.ts';
import type { Logger } from '../log.ts';
import type { WebhookMetrics } from '../metrics/index.ts';
import type { MessageStore } from '../store/index.ts';

export interface WebhookLimits {
  timeoutMs: number;
  retries: number;
  /** The first retry waits this long; each next one twice as long. */
  backoffMs: number;
  maxQueue: number;
  concurrency: number;
}

export const WEBHOOK_LIMITS: WebhookLimits = { timeoutMs: 5_000, retries: 3, backoffMs: 500, maxQueue: 1_000, concurrency: 4 };

interface Delivery {
  url: string;
  body: string;
  messageId: number;
  /** Not sent before this time (--webhook-delay). */
  due: number;
}

export interface WebhookOptions {
  urls: readonly string[];
  delayMs: number;
  log: Logger;
  metrics?: WebhookMetrics;
  userAgent: string;
  limits?: WebhookLimits;
}

export class Webhooks {
  readonly #options: WebhookOptions;
  readonly #limits: WebhookLimits;
  readonly #queue: Delivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #stop = new AbortController();
  readonly #unsubscribe: () => void;
  #inFlight = 0;
  /** Set while the pump waits for the head of the queue to be due. */
  #waking = false;

  constructor(store: MessageStore, options: WebhookOptions) {
    this.#options = options;
    this.#limits = options.limits ?? WEBHOOK_LIMITS;
    options.metrics?.measureQueue(() => this.#queue.length);
    this.#unsubscribe = store.subscribe((event) => {
      if (event.type !== 'message.added' || event.copyOf !== undefined) return;
      const body = JSON.stringify(toSummary(event.message));
      for (const url of options.urls) this.#enqueue({ url, body, messageId: event.message.id, due: Date.now() + options.delayMs });
    });
  }

  close(): void {
    this.#unsubscribe();
    this.#stop.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#queue.length = 0;
  }

  #enqueue(delivery: Delivery): void {
    if (this.#queue.length >= this.#limits.maxQueue) {
      this.#options.metrics?.count('dropped');
      this.#options.log.warn('webhook queue full, delivery dropped', { url: delivery.url, id: delivery.messageId });
      return;
    }
    this.#queue.push(delivery);
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < this.#limits.concurrency && this.#queue.length && !this.#stop.signal.aborted) {
      const wait = this.#queue[0].due - Date.now();
      // Every delivery waits the same delay, so the queue is in due order: the head decides.
      if (wait > 0) {
        if (this.#waking) return;
        this.#waking = true;
        return this.#after(wait, () => {
          this.#waking = false;
          this.#pump();
        });
      }
      const delivery = this.#queue.shift()!;
      this.#inFlight++;
      void this.#deliver(delivery).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  async #deliver(delivery: Delivery): Promise<void> {
    const { log, metrics } = this.#options;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(delivery);
      if (outcome === 'sent') return void metrics?.count('sent');
      if (this.#stop.signal.aborted) return;
      if (outcome === 'final' || attempt >= this.#limits.retries) {
        metrics?.count('failed');
        log.warn('webhook failed', { url: delivery.url, id: delivery.messageId, attempts: attempt + 1 });
        return;
      }
      metrics?.count('retried');
      await new Promise<void>((resolve) => this.#after(this.#limits.backoffMs * 2 ** attempt, resolve));
    }
  }

  /** One POST: sent (2xx), retry (no answer in time, network error, 408, 429, 5xx) or final (any other status). */
  async #attempt({ url, body, messageId }: Delivery): Promise<'sent' | 'retry' | 'final'> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': this.#options.userAgent, 'x-mailsandbox-event': 'message.added' },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.#stop.signal, AbortSignal.timeout(this.#limits.timeoutMs)]),
      });
      await response.body?.cancel();
      if (response.ok) return 'sent';
      this.#options.log.debug('webhook answered with an error', { url, id: messageId, status: response.status });
      return response.status === 408 || response.status === 429 || response.status >= 500 ? 'retry' : 'final';
    } catch (err) {
      this.#options.log.debug('webhook not delivered', { url, id: messageId, error: (err as Error).message });
      return 'retry';
    }
  }

  #after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      action();
    }, ms);
    this.#timers.add(timer);
  }
}
