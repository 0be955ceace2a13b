// SORT and UID SORT (RFC 5256 3): SEARCH, then the hits in the order of the sort criteria; with a
// MODSEQ criterion the reply ends with the highest mod-sequence of the hits (RFC 7162 3.1.5).
// `SORT RETURN (MIN MAX ALL COUNT)` answers with one ESEARCH line in sort order (RFC 5267 ESORT), and
// `RETURN (SAVE)` keeps the hits as `$` (RFC 5182).
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import { forEachMatch } from '../matching.ts';
import { parseSearchKeys, readCharset } from '../parse/search-keys.ts';
import { checkCharsetSaving, parseResultOptions, saveResult, writeEsearch, type ResultOption, type ResultOptions } from '../result-options.ts';
import { SORT_KEYS, sortEntries, sortKeysOf, type SortCriterion, type SortEntry, type SortKey } from '../sort.ts';
import { usesModseq } from '../search.ts';
import type { SearchKey } from '../syntax.ts';

export interface SortCommand {
  name: 'SORT';
  uid: boolean;
  /** RETURN (...) of ESORT / SEARCHRES; null for a plain SORT. */
  returns: ResultOptions | null;
  criteria: SortCriterion[];
  /** Checked by the handler, so a failing SAVE still empties `$`. */
  charset: string;
  key: SearchKey;
}

/** UPDATE and CONTEXT belong to CONTEXT=SORT, which is not offered. */
const SORT_OPTIONS: readonly ResultOption[] = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE'];

export const sort = defineCommand({
  name: 'SORT',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): SortCommand {
    s.sp();
    const returns = parseResultOptions(s, 'SORT', SORT_OPTIONS);
    const criteria: SortCriterion[] = [];
    let reverse = false;
    s.list(() => {
      const word = s.keyword();
      if (word === 'REVERSE') return void (reverse = true);
      if (!SORT_KEYS.includes(word as SortKey)) throw bad(`unknown sort criterion ${word}`);
      criteria.push({ key: word as SortKey, reverse });
      reverse = false;
    });
    if (!criteria.length || reverse) throw bad('sort criteria must end in a criterion');
    s.sp();
    const charset = readCharset(s);
    s.sp();
    return { name: 'SORT', uid, returns, criteria, charset, key: parseSearchKeys(s) };
  },
  handle(ctx, command) {
    checkCharsetSaving(ctx.selected, command.charset, command.returns);
    const withModseq = usesModseq(command.key);
    if (withModseq) ctx.session.condstore = true;
    const entries: SortEntry[] = [];
    let highest = 0;
    return forEachMatch(
      ctx,
      command.key,
      (seq, message) => {
        entries.push({ seq, message, keys: sortKeysOf(message, command.criteria) });
        if (message.modseq > highest) highest = message.modseq;
      },
      () => {
        const sorted = sortEntries(entries, command.criteria);
        const hits = sorted.map(({ seq, message }) => (command.uid ? message.uid : seq));
        if (command.returns) {
          saveResult(ctx.selected, command.returns, sorted.map(({ message }) => message.uid));
          return writeEsearch(ctx.out, ctx.tag(), command.uid, command.returns, hits, withModseq ? highest : null);
        }
        ctx.untagged(['SORT', ...hits].join(' ') + (withModseq && hits.length ? ` (MODSEQ ${highest})` : ''));
      },
    );
  },
});
