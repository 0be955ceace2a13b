// SEARCH and UID SEARCH (RFC 3501 6.4.4); with a MODSEQ criterion the reply ends with the highest
// mod-sequence of the matches (RFC 7162 3.1.5).
import { SELECTED, selectedOf, type CommandSpec } from '../context.ts';
import { compileSearch } from '../search.ts';
import type { SearchContext, SearchKey } from '../syntax.ts';

export const search: CommandSpec<'SEARCH'> = {
  names: ['SEARCH'],
  states: SELECTED,
  handle(ctx, command) {
    const { view } = selectedOf(ctx);
    const withModseq = usesModseq(command.key);
    if (withModseq) ctx.session.condstore = true;
    const messages = view.numbered;
    const matches = compileSearch(command.key);
    const context: SearchContext = { seq: 0, maxSeq: messages.length, maxUid: view.lastId };
    const hits: number[] = [];
    let highest = 0;
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      context.seq = i + 1;
      if (!matches(message, context)) continue;
      hits.push(command.uid ? message.id : i + 1);
      if (message.modseq > highest) highest = message.modseq;
    }
    const suffix = withModseq && hits.length ? ` (MODSEQ ${highest})` : '';
    ctx.out.text('* SEARCH');
    for (let i = 0; i < hits.length; i += 1000) ctx.out.text(' ' + hits.slice(i, i + 1000).join(' '));
    ctx.out.text(`${suffix}\r\n`);
  },
};

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
