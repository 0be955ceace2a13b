// A long filter that shares the event loop: it runs for at most TURN_MS, then lets whatever else
// waits (SMTP replies, IMAP and POP3 sessions, other HTTP requests) have a turn, and goes on. A
// search over a large store decodes each body the first time it is read, which at 10k messages
// takes seconds; done in one go, it would stall every protocol meanwhile.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long one turn of a long filter may hold the event loop. */
export const TURN_MS = 10;

/** The items that pass `test`, in order, tested in turns of at most TURN_MS. */
export async function filterInTurns<T>(items: readonly T[], test: (item: T) => boolean): Promise<T[]> {
  const passed: T[] = [];
  let deadline = performance.now() + TURN_MS;
  for (const item of items) {
    if (test(item)) passed.push(item);
    if (performance.now() < deadline) continue;
    await nextTurn();
    deadline = performance.now() + TURN_MS;
  }
  return passed;
}
