// Resolve when a message matching a filter is in the store, already or later. No polling: it
// checks what is there, then listens to the store's events until a match or the timeout.
import { canSee, type Login, type StoredMessage } from './message.ts';
import type { MessageStore } from './store.ts';

export interface WaitFilter {
  /** Substring of any recipient: RCPT TO, To or Cc. */
  to?: string;
  /** Substring of MAIL FROM or the From header. */
  from?: string;
  /** Substring of the subject. */
  subject?: string;
  /** Only messages with an id greater than this (to wait for mail sent after a known point). */
  after?: number;
  login?: Login;
}

export class WaitTimeoutError extends Error {
  constructor(readonly timeout: number) {
    super(`no matching message arrived within ${timeout} ms`);
    this.name = 'WaitTimeoutError';
  }
}

const contains = (value: string | undefined | null, needle: string) =>
  value != null && value.toLowerCase().includes(needle);

export function matchesWaitFilter(message: StoredMessage, filter: WaitFilter): boolean {
  const { meta } = message.content;
  if (filter.after !== undefined && message.id <= filter.after) return false;
  if (filter.login && !canSee(filter.login, message)) return false;
  if (filter.to) {
    const needle = filter.to.toLowerCase();
    const recipients = [...message.envelope.rcptTo, ...meta.to.map((a) => a.address), ...meta.cc.map((a) => a.address)];
    if (!recipients.some((r) => contains(r, needle))) return false;
  }
  if (filter.from) {
    const needle = filter.from.toLowerCase();
    if (!contains(message.envelope.mailFrom, needle) && !contains(meta.from?.address, needle) && !contains(meta.from?.name, needle))
      return false;
  }
  if (filter.subject && !contains(meta.subject, filter.subject.toLowerCase())) return false;
  return true;
}

export function waitForMessage(
  store: MessageStore,
  filter: WaitFilter,
  options: { timeout?: number; signal?: AbortSignal } = {},
): Promise<StoredMessage> {
  const timeout = options.timeout ?? 30_000;
  const existing = store.all().find((m) => matchesWaitFilter(m, filter));
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      unsubscribe();
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(options.signal?.reason ?? new Error('aborted')));
    const timer = setTimeout(() => finish(() => reject(new WaitTimeoutError(timeout))), timeout);
    const unsubscribe = store.subscribe((event) => {
      if (event.type === 'message.added' && matchesWaitFilter(event.message, filter))
        finish(() => resolve(event.message));
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
