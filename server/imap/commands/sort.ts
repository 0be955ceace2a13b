// SORT and UID SORT (RFC 5256 3): SEARCH, then the hits in the order of the sort criteria.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import { forEachMatch } from '../matching.ts';
import { parseCharset, parseSearch } from '../parse/search-keys.ts';
import { SORT_KEYS, sortEntries, sortKeysOf, type SortCriterion, type SortEntry, type SortKey } from '../sort.ts';
import type { SearchKey } from '../syntax.ts';

export interface SortCommand {
  name: 'SORT';
  uid: boolean;
  criteria: SortCriterion[];
  key: SearchKey;
}

export const sort = defineCommand({
  name: 'SORT',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): SortCommand {
    s.sp();
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
    parseCharset(s);
    s.sp();
    return { name: 'SORT', uid, criteria, key: parseSearch(s) };
  },
  handle(ctx, command) {
    const entries: SortEntry[] = [];
    return forEachMatch(
      ctx,
      command.key,
      (seq, message) => entries.push({ seq, message, keys: sortKeysOf(message, command.criteria) }),
      () => {
        const sorted = sortEntries(entries, command.criteria);
        ctx.untagged(['SORT', ...sorted.map(({ seq, message }) => (command.uid ? message.id : seq))].join(' '));
      },
    );
  },
});
