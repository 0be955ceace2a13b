// The messages of the selected mailbox that match a SEARCH key, for SEARCH and for the commands that
// order or group the hits (SORT, THREAD). The pass over the mailbox runs in slices
// when it takes long (reading a message's headers the first time costs, and so may what `visit`
// does), so one client's SORT over a big mailbox does not stall every other session. Messages whose
// expunge is held back are gone: never hits.
import type { StoredMessage } from '../store/message.ts';
import type { HandlerResult, Reply, Selected, SelectedContext } from './context.ts';
import { compileSearch } from './search.ts';
import { SLICE_MS } from './slices.ts';
import type { SearchContext, SearchKey } from './syntax.ts';

/** What a search needs of the session besides the message; `seq` is set for each message it looks at. */
export function searchContext({ view, recent, savedResult }: Selected): SearchContext {
  return { seq: 0, maxSeq: view.count, maxUid: view.lastUid, isRecent: (id) => recent.has(id), saved: savedResult };
}

export function forEachMatch(
  ctx: SelectedContext,
  key: SearchKey,
  visit: (seq: number, message: StoredMessage) => void,
  finish: () => Reply | void,
): HandlerResult {
  const { view } = ctx.selected;
  const messages = view.numbered;
  const matches = compileSearch(key);
  const context = searchContext(ctx.selected);
  let next = 0;
  const step = (): boolean => {
    const deadline = performance.now() + SLICE_MS;
    while (next < messages.length) {
      const message = messages[next++];
      context.seq = next;
      if (!view.isRemoved(message.id) && matches(message, context)) visit(next, message);
      if ((next & 63) === 0 && performance.now() > deadline) break;
    }
    return next === messages.length;
  };
  if (step()) return finish();
  return ctx.inSlices(step, finish);
}
