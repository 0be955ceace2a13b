// SEARCH and UID SEARCH (RFC 3501 6.4.4); with a MODSEQ criterion the reply ends with the highest
// mod-sequence of the matches (RFC 7162 3.1.5). `SEARCH RETURN (MIN MAX ALL COUNT)` answers with one
// ESEARCH line instead (RFC 4731), as every SEARCH does once IMAP4rev2 is enabled (RFC 9051 6.4.4,
// where no RETURN means ALL); `RETURN (SAVE)` keeps the hits as `$` (RFC 5182), and `RETURN (UPDATE)`
// keeps the search running (RFC 5267 4, search-updates.ts). The pass over the mailbox is
// matching.ts's, in slices when it takes long.
import { defineCommand } from '../context.ts';
import { encodeString } from '../encoder.ts';
import { parseSearch } from '../parse/search-keys.ts';
import type { StoredMessage } from '../../store/message.ts';
import { forEachMatch } from '../matching.ts';
import { checkCharsetSaving, parseResultOptions, saveResult, writeEsearch, type ResultOptions } from '../result-options.ts';
import { highestModseq } from '../search-updates.ts';
import { compileSearch, usesModseq } from '../search.ts';
import type { SearchKey } from '../syntax.ts';

/** What an IMAP4rev2 SEARCH without RETURN returns. */
const ALL: ResultOptions = { options: ['ALL'], partial: null };

export interface SearchCommand {
  name: 'SEARCH';
  uid: boolean;
  /** Checked by the handler, so a failing SAVE still empties `$`. */
  charset: string | null;
  key: SearchKey;
  /** RETURN (...) of ESEARCH / SEARCHRES / CONTEXT=SEARCH; null for a plain SEARCH. `RETURN ()` means ALL. */
  returns: ResultOptions | null;
}

export const search = defineCommand({
  name: 'SEARCH',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): SearchCommand {
    s.sp();
    const returns = parseResultOptions(s, 'SEARCH');
    return { name: 'SEARCH', uid, ...parseSearch(s), returns };
  },
  handle(ctx, command) {
    checkCharsetSaving(ctx.selected, command.charset, command.returns);
    const withModseq = usesModseq(command.key);
    if (withModseq) ctx.session.condstore = true;
    const hits: number[] = [];
    const uids: number[] = [];
    let highest = 0;
    const updating = command.returns?.options.includes('UPDATE') ?? false;
    const since = updating ? highestModseq(ctx.selected.view.numbered) : 0;
    const visit = (seq: number, message: StoredMessage): void => {
      hits.push(command.uid ? message.uid : seq);
      uids.push(message.uid);
      if (message.modseq > highest) highest = message.modseq;
    };
    const finish = (): void => {
      const returns = command.returns ?? (ctx.session.imap4rev2 ? ALL : null);
      if (returns) {
        saveResult(ctx.selected, returns, uids);
        writeEsearch(ctx.out, ctx.tag(), command.uid, returns, hits, withModseq ? highest : null);
        if (updating && !ctx.selected.searchUpdates.add(ctx.tag(), command.uid, compileSearch(command.key), uids, since)) {
          ctx.untagged(`NO [NOUPDATE ${encodeString(ctx.tag())}] Too many searches kept updated`);
        }
        return;
      }
      const suffix = withModseq && hits.length ? ` (MODSEQ ${highest})` : '';
      ctx.out.text('* SEARCH');
      for (let i = 0; i < hits.length; i += 1000) ctx.out.text(' ' + hits.slice(i, i + 1000).join(' '));
      ctx.out.text(`${suffix}\r\n`);
    };
    return forEachMatch(ctx, command.key, visit, finish);
  },
});
