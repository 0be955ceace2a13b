// The one writer of `* n FETCH (...)` lines: FETCH, STORE, the unsolicited flag updates and QRESYNC's
// resynchronisation all write through it. It also owns the FLAGS and PERMANENTFLAGS a session is
// told (RFC 3501 7.2.6): the system flags and every keyword of the folder. A client may assume FLAGS
// lists every flag it will see, so no FETCH carries a keyword before an untagged FLAGS named it. A
// folder's keyword list only grows, so a session only has to remember how much of it was announced.
import { SYSTEM_FLAGS } from '../store/flags.ts';
import type { StoredMessage } from '../store/message.ts';
import type { Selected, SessionData } from './context.ts';
import type { Output } from './encoder.ts';
import { fetchItems } from './fetch.ts';
import type { FetchAttribute } from './syntax.ts';

export class FetchLines {
  readonly #out: Output;
  /** IMAP4rev2 sessions are never shown \Recent (RFC 9051 2.3.2). */
  readonly #session: Pick<SessionData, 'imap4rev2'>;

  constructor(out: Output, session: Pick<SessionData, 'imap4rev2'>) {
    this.#out = out;
    this.#session = session;
  }

  /** `* seq FETCH (items)` for one message of the selected mailbox, after FLAGS if it names a keyword not yet announced. */
  write(selected: Selected, seq: number, message: StoredMessage, attributes: FetchAttribute[]): void {
    this.announceNewKeywords(selected);
    const kept = selected.expungedFlags.size ? selected.expungedFlags.get(message.id) : undefined;
    const shown = kept ? { ...message, flags: kept } : message;
    const recent = !this.#session.imap4rev2 && selected.recent.has(message.id);
    this.#out.text(`* ${seq} FETCH `).value(fetchItems(shown, attributes, recent)).text('\r\n');
  }

  /** Writes `* FLAGS` and `* OK [PERMANENTFLAGS]` with the folder's keywords as they are now. */
  writeFlagLists(selected: Selected): void {
    const keywords = selected.folder.keywords;
    const flags = keywords.size ? `${SYSTEM_FLAGS.join(' ')} ${[...keywords].join(' ')}` : SYSTEM_FLAGS.join(' ');
    this.#out.text(`* FLAGS (${flags})\r\n`);
    this.#out.text(`* OK [PERMANENTFLAGS (${selected.readOnly ? '' : `${flags} \\*`})] Flags permitted\r\n`);
    selected.announcedKeywords = keywords.size;
  }

  /** Repeats the lists if the folder gained a keyword since the session was last told. */
  announceNewKeywords(selected: Selected): void {
    if (selected.folder.keywords.size !== selected.announcedKeywords) this.writeFlagLists(selected);
  }
}
