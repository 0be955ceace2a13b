// SEARCH and UID SEARCH (RFC 3501 6.4.4); with a MODSEQ criterion the reply ends with the highest
// mod-sequence of the matches (RFC 7162 3.1.5). `SEARCH RETURN (MIN MAX ALL COUNT)` answers with one
// ESEARCH line instead (RFC 4731), as every SEARCH does once IMAP4rev2 is enabled (RFC 9051 6.4.4,
// where no RETURN means ALL). The pass over the mailbox is matching.ts's, in slices when it takes long.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import { encodeValue } from '../encoder.ts';
import { formatSequenceSet } from '../sequence.ts';
import { parseSearch } from '../parse/search-keys.ts';
import type { StoredMessage } from '../../store/message.ts';
import { forEachMatch } from '../matching.ts';
import type { SearchKey } from '../syntax.ts';

export type SearchReturn = 'MIN' | 'MAX' | 'ALL' | 'COUNT';

const RETURN_OPTIONS: readonly SearchReturn[] = ['MIN', 'MAX', 'ALL', 'COUNT'];
const ALL: readonly SearchReturn[] = ['ALL'];

export interface SearchCommand {
  name: 'SEARCH';
  uid: boolean;
  key: SearchKey;
  /** RETURN (...) of ESEARCH; null for a plain SEARCH. `RETURN ()` means ALL. */
  returns: SearchReturn[] | null;
}

export const search = defineCommand({
  name: 'SEARCH',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): SearchCommand {
    s.sp();
    let returns: SearchReturn[] | null = null;
    if (s.word('RETURN')) {
      s.sp();
      returns = s.list(() => {
        const option = s.keyword();
        if (!RETURN_OPTIONS.includes(option as SearchReturn)) throw bad(`unknown SEARCH RETURN option ${option}`);
        return option as SearchReturn;
      });
      if (!returns.length) returns = ['ALL'];
      s.sp();
    }
    return { name: 'SEARCH', uid, key: parseSearch(s), returns };
  },
  handle(ctx, command) {
    const withModseq = usesModseq(command.key);
    if (withModseq) ctx.session.condstore = true;
    const hits: number[] = [];
    let highest = 0;
    const visit = (seq: number, message: StoredMessage): void => {
      hits.push(command.uid ? message.id : seq);
      if (message.modseq > highest) highest = message.modseq;
    };
    const finish = (): void => {
      const returns = command.returns ?? (ctx.session.imap4rev2 ? ALL : null);
      if (returns) return writeEsearch(ctx.tag(), command.uid, returns, hits, withModseq ? highest : 0, ctx.out);
      const suffix = withModseq && hits.length ? ` (MODSEQ ${highest})` : '';
      ctx.out.text('* SEARCH');
      for (let i = 0; i < hits.length; i += 1000) ctx.out.text(' ' + hits.slice(i, i + 1000).join(' '));
      ctx.out.text(`${suffix}\r\n`);
    };
    return forEachMatch(ctx, command.key, visit, finish);
  },
});

/** `* ESEARCH (TAG "t") UID MIN 1 MAX 9 ALL 1,4,9 COUNT 3`: only what was asked for, and MIN/MAX/ALL only when something matched. */
function writeEsearch(tag: string, uid: boolean, returns: readonly SearchReturn[], hits: number[], modseq: number, out: { text(value: string): unknown }): void {
  const parts = [`* ESEARCH (TAG ${encodeValue(tag).toString('utf8')})`];
  if (uid) parts.push('UID');
  if (hits.length) {
    if (returns.includes('MIN')) parts.push(`MIN ${hits[0]}`);
    if (returns.includes('MAX')) parts.push(`MAX ${hits[hits.length - 1]}`);
  }
  if (hits.length && returns.includes('ALL')) parts.push(`ALL ${formatSequenceSet(hits)}`);
  if (returns.includes('COUNT')) parts.push(`COUNT ${hits.length}`);
  if (modseq && hits.length) parts.push(`MODSEQ ${modseq}`);
  out.text(`${parts.join(' ')}\r\n`);
}

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
