// SEARCH and UID SEARCH (RFC 3501 6.4.4); with a MODSEQ criterion the reply ends with the highest
// mod-sequence of the matches (RFC 7162 3.1.5). A search that takes longer than a slice runs in
// slices, so one client's SEARCH BODY over a big mailbox does not stall every other session.
import { defineCommand } from '../context.ts';
import { parseSearch } from '../parse/search-keys.ts';
import { compileSearch } from '../search.ts';
import { SLICE_MS } from '../slices.ts';
import type { SearchContext, SearchKey } from '../syntax.ts';

export interface SearchCommand {
  name: 'SEARCH';
  uid: boolean;
  key: SearchKey;
}

export const search = defineCommand({
  name: 'SEARCH',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): SearchCommand {
    s.sp();
    return { name: 'SEARCH', uid, key: parseSearch(s) };
  },
  handle(ctx, command) {
    const { view, recent } = ctx.selected;
    const withModseq = usesModseq(command.key);
    if (withModseq) ctx.session.condstore = true;
    const messages = view.numbered;
    const matches = compileSearch(command.key);
    const context: SearchContext = { seq: 0, maxSeq: messages.length, maxUid: view.lastId, isRecent: (id) => recent.has(id) };
    const hits: number[] = [];
    let highest = 0;
    let next = 0;

    const step = (): boolean => {
      const deadline = performance.now() + SLICE_MS;
      while (next < messages.length) {
        const message = messages[next++];
        context.seq = next;
        // A message expunged by another session keeps its number until the session may hear of it, but it is gone: never a hit.
        if (view.isRemoved(message.id)) continue;
        if (matches(message, context)) {
          hits.push(command.uid ? message.id : next);
          if (message.modseq > highest) highest = message.modseq;
        }
        // Reading the clock costs more than most matches: look every 128 messages.
        if ((next & 127) === 0 && performance.now() > deadline) break;
      }
      return next === messages.length;
    };

    const finish = (): void => {
      const suffix = withModseq && hits.length ? ` (MODSEQ ${highest})` : '';
      ctx.out.text('* SEARCH');
      for (let i = 0; i < hits.length; i += 1000) ctx.out.text(' ' + hits.slice(i, i + 1000).join(' '));
      ctx.out.text(`${suffix}\r\n`);
    };

    if (step()) return finish();
    return ctx.inSlices(step, finish);
  },
});

function usesModseq(key: SearchKey): boolean {
  switch (key.kind) {
    case 'modseq':
      return true;
    case 'not':
      return usesModseq(key.key);
    case 'or':
      return usesModseq(key.left) || usesModseq(key.right);
    case 'and':
      return key.keys.some(usesModseq);
    default:
      return false;
  }
}
