// One session's maildrop (RFC 1939 5): the login's INBOX as it was at login, numbered 1..n for the
// whole session. Mail that arrives later waits for the next login; DELE only marks, and the marked
// messages leave the login's mailbox at QUIT. It sees the store through the login's LoginStore, as
// IMAP does: an address login's maildrop holds its own mail, and its QUIT removes only that.
// Logins and LISTs of every session share one event loop, so a maildrop is the folder's shared
// snapshot (snapshot.ts) plus one byte per message for the DELE marks: nothing per message is built.
import { INBOX, SEEN, type LoginStore, type StoredMessage } from '../store/index.ts';
import { Pop3Error } from './errors.ts';
import { DropSnapshot, type RowKind } from './snapshot.ts';

export interface DropEntry {
  readonly number: number;
  readonly message: StoredMessage;
  /** Octets as RETR sends them, before dot-stuffing. */
  readonly size: number;
}

export class Maildrop {
  readonly #store: LoginStore;
  readonly #snapshot: DropSnapshot;
  /** 1 where DELE marked the message of that number minus one. */
  readonly #deleted: Uint8Array;
  #count: number;
  #octets: number;

  constructor(store: LoginStore) {
    this.#store = store;
    const inbox = store.folder(INBOX);
    this.#snapshot = DropSnapshot.of(inbox ? store.folderMessages(inbox) : []);
    this.#deleted = new Uint8Array(this.#snapshot.messages.length);
    this.#count = this.#snapshot.messages.length;
    this.#octets = this.#snapshot.octets;
  }

  /** Messages not marked deleted, and their octets. */
  stat(): { count: number; octets: number } {
    return { count: this.#count, octets: this.#octets };
  }

  /** `n size` (LIST) or `n id` (UIDL) rows, each ending in CRLF, for the messages not marked deleted. */
  rows(kind: RowKind): Buffer {
    return this.#snapshot.rows(kind, this.#deleted, this.#count !== this.#snapshot.messages.length);
  }

  /** The message a command argument names; refuses numbers out of range and deleted messages. */
  entry(argument: string): DropEntry {
    if (!/^\d{1,10}$/.test(argument)) throw new Pop3Error(`"${argument.slice(0, 40)}" is not a message number`);
    const number = Number(argument);
    const { messages, sizes } = this.#snapshot;
    if (number < 1 || number > messages.length) throw new Pop3Error(`no message ${argument}; the maildrop has ${messages.length}`);
    if (this.#deleted[number - 1]) throw new Pop3Error(`message ${argument} is already deleted`);
    return { number, message: messages[number - 1], size: sizes[number - 1] };
  }

  /** Like entry(), for commands that send the message: it must still be in the store. */
  stored(argument: string): DropEntry {
    const entry = this.entry(argument);
    if (!this.#store.get(entry.message.id)) {
      throw new Pop3Error(`message ${argument} was removed by another session or the web UI since login`);
    }
    return entry;
  }

  /** RETR counts as reading it (as the UI and IMAP show it). */
  markSeen(entry: DropEntry): void {
    if (!entry.message.flags.has(SEEN)) this.#store.setFlags([entry.message.id], 'add', [SEEN]);
  }

  markDeleted(entry: DropEntry): void {
    if (this.#deleted[entry.number - 1]) return;
    this.#deleted[entry.number - 1] = 1;
    this.#count--;
    this.#octets -= entry.size;
  }

  /** RSET: unmarks every message. */
  reset(): void {
    this.#deleted.fill(0);
    this.#count = this.#snapshot.messages.length;
    this.#octets = this.#snapshot.octets;
  }

  /** The UPDATE state: ids of the marked messages, removed from the store unless `remove` is false. */
  commit(remove: boolean): number[] {
    const { messages } = this.#snapshot;
    const ids: number[] = [];
    for (let i = 0; i < messages.length; i++) if (this.#deleted[i]) ids.push(messages[i].id);
    if (remove && ids.length) this.#store.delete(ids);
    return ids;
  }
}
