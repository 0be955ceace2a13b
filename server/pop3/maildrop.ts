// One session's maildrop (RFC 1939 5): the login's INBOX as it was at login, numbered 1..n for the
// whole session. Mail that arrives later waits for the next login; DELE only marks, and the marked
// messages leave the login's mailbox at QUIT. It sees the store through the login's LoginStore, as
// IMAP does: an address login's maildrop holds its own mail, and its QUIT removes only that.
import { INBOX, SEEN, type LoginStore, type StoredMessage } from '../store/index.ts';
import { Pop3Error } from './errors.ts';
import { transferSize } from './transfer.ts';

export interface DropEntry {
  readonly number: number;
  readonly message: StoredMessage;
  /** Octets as RETR sends them, before dot-stuffing. */
  readonly size: number;
  deleted: boolean;
}

export class Maildrop {
  readonly #store: LoginStore;
  readonly #entries: DropEntry[];
  #count: number;
  #octets = 0;

  constructor(store: LoginStore) {
    this.#store = store;
    const inbox = store.folder(INBOX);
    this.#entries = (inbox ? store.folderMessages(inbox) : []).map((message, i) => {
      const size = transferSize(message.content.raw);
      this.#octets += size;
      return { number: i + 1, message, size, deleted: false };
    });
    this.#count = this.#entries.length;
  }

  /** Messages not marked deleted, and their octets. */
  stat(): { count: number; octets: number } {
    return { count: this.#count, octets: this.#octets };
  }

  *visible(): Iterable<DropEntry> {
    for (const entry of this.#entries) if (!entry.deleted) yield entry;
  }

  /** The message a command argument names; refuses numbers out of range and deleted messages. */
  entry(argument: string): DropEntry {
    if (!/^\d{1,10}$/.test(argument)) throw new Pop3Error(`"${argument.slice(0, 40)}" is not a message number`);
    const entry = this.#entries[Number(argument) - 1];
    if (!entry) throw new Pop3Error(`no message ${argument}; the maildrop has ${this.#entries.length}`);
    if (entry.deleted) throw new Pop3Error(`message ${argument} is already deleted`);
    return entry;
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
    entry.deleted = true;
    this.#count--;
    this.#octets -= entry.size;
  }

  /** RSET: unmarks every message. */
  reset(): void {
    for (const entry of this.#entries) entry.deleted = false;
    this.#count = this.#entries.length;
    this.#octets = this.#entries.reduce((sum, entry) => sum + entry.size, 0);
  }

  /** The UPDATE state: ids of the marked messages, removed from the store unless `remove` is false. */
  commit(remove: boolean): number {
    const ids = this.#entries.filter((entry) => entry.deleted).map((entry) => entry.message.id);
    if (remove && ids.length) this.#store.delete(ids);
    return ids.length;
  }
}
