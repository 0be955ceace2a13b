// SEARCH RETURN (UPDATE) (RFC 5267 4, CONTEXT=SEARCH): searches a session keeps running. When a
// message starts or stops matching, the session hears `* ESEARCH (TAG "t") ADDTO (0 n)` or
// `REMOVEFROM (0 n)`: REMOVEFROM for an expunged message before its EXPUNGE, ADDTO for new mail after
// its EXISTS, a flag change's after its FETCH, as Dovecot sends them. A search result has no order, so
// the position is always 0. Changes are found by mod-sequence: whatever changed or arrived since the
// last look has a higher one. Messages whose expunge is held back count as gone, as in SEARCH.
import type { StoredMessage } from '../store/message.ts';
import type { MailboxView } from '../store/view.ts';
import { encodeString } from './encoder.ts';
import type { SearchPredicate } from './search.ts';
import { formatSequenceSet } from './sequence.ts';
import type { SearchContext } from './syntax.ts';

/** Dovecot's own limit is 10 per session; more is refused with NOUPDATE (RFC 5267 4.5). */
export const MAX_UPDATES = 10;

interface RunningSearch {
  tag: string;
  uid: boolean;
  matches: SearchPredicate;
  /** UIDs of the messages in the result as the client knows it. */
  members: Set<number>;
}

export class SearchUpdates {
  readonly #running: RunningSearch[] = [];
  /** The highest mod-sequence looked at: anything above it changed or arrived since. */
  #seen = 0;

  get size(): number {
    return this.#running.length;
  }

  /**
   * Keeps a search running from the result it just reported (its hits' UIDs); `since` is the highest
   * mod-sequence in the view when it started. False when at the limit.
   */
  add(tag: string, uid: boolean, matches: SearchPredicate, uids: readonly number[], since: number): boolean {
    if (this.#running.length >= MAX_UPDATES) return false;
    this.#seen = this.#running.length ? Math.min(this.#seen, since) : since;
    this.#running.push({ tag, uid, matches, members: new Set(uids) });
    return true;
  }

  /** CANCELUPDATE: false when no search of that tag is running. */
  cancel(tag: string): boolean {
    const index = this.#running.findIndex((search) => search.tag === tag);
    if (index === -1) return false;
    this.#running.splice(index, 1);
    return true;
  }

  /** REMOVEFROM lines for messages about to be reported expunged, numbered as they are until then. */
  removed(gone: ReadonlyArray<{ seq: number; uid: number }>): string[] {
    const lines: string[] = [];
    for (const search of this.#running) {
      const numbers = gone.filter(({ uid }) => search.members.delete(uid)).map(({ seq, uid }) => (search.uid ? uid : seq));
      numbers.sort((x, y) => x - y);
      if (numbers.length) lines.push(line(search, numbers));
    }
    return lines;
  }

  /**
   * ADDTO and REMOVEFROM lines for what changed or arrived since the last look (the view numbers it
   * all by now); `context` is the session's, its `seq` set here for each message.
   */
  changed(view: MailboxView, context: SearchContext): string[] {
    if (!this.#running.length) return [];
    const changed: Array<[number, StoredMessage]> = [];
    const messages = view.numbered;
    let highest = this.#seen;
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      if (message.modseq <= this.#seen || view.isRemoved(message.id)) continue;
      changed.push([i + 1, message]);
      if (message.modseq > highest) highest = message.modseq;
    }
    this.#seen = highest;
    if (!changed.length) return [];
    const lines: string[] = [];
    for (const search of this.#running) {
      const added: number[] = [];
      const dropped: number[] = [];
      for (const [seq, message] of changed) {
        context.seq = seq;
        const now = search.matches(message, context);
        if (now === search.members.has(message.uid)) continue;
        if (now) search.members.add(message.uid);
        else search.members.delete(message.uid);
        (now ? added : dropped).push(search.uid ? message.uid : seq);
      }
      if (dropped.length || added.length) lines.push(line(search, dropped, added));
    }
    return lines;
  }
}

/** One ESEARCH line per search, what left it before what joined it, as Dovecot writes them. */
function line(search: RunningSearch, dropped: number[], added: number[] = []): string {
  const parts = [`ESEARCH (TAG ${encodeString(search.tag)})`];
  if (search.uid) parts.push('UID');
  if (dropped.length) parts.push(`REMOVEFROM (0 ${formatSequenceSet(dropped)})`);
  if (added.length) parts.push(`ADDTO (0 ${formatSequenceSet(added)})`);
  return parts.join(' ');
}

/** The highest mod-sequence of these messages. */
export function highestModseq(messages: readonly StoredMessage[]): number {
  let highest = 0;
  for (const message of messages) if (message.modseq > highest) highest = message.modseq;
  return highest;
}
