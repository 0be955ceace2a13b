// \Recent (RFC 3501 2.3.2): a message is recent in exactly one session, the first to learn of it,
// by SELECT or by an EXISTS while selected. EXAMINE shows the same flags without claiming any
// (RFC 3501 6.3.2). Mail arrives with ascending ids, so all that has to be shared is, per folder and
// login, the highest id a session has claimed: a session claims the ids above that mark. A login
// with an address has its own mark, since it sees a mailbox of its own.
import type { Login, StoredMessage } from '../store/message.ts';
import type { MessageStore } from '../store/store.ts';

const marksByStore = new WeakMap<MessageStore, Map<string, number>>();

function marksOf(store: MessageStore): Map<string, number> {
  let marks = marksByStore.get(store);
  if (!marks) marksByStore.set(store, (marks = new Map()));
  return marks;
}

const markKey = (folder: string, login: Login) => `${login.address ?? '*'}\0${folder}`;

/** Highest id any session has claimed as recent in this folder for this login (0 for none). */
export function claimedUpTo(store: MessageStore, folder: string, login: Login): number {
  return marksOf(store).get(markKey(folder, login)) ?? 0;
}

/** One session's recent messages. */
export class RecentSet {
  readonly #store: MessageStore;
  readonly #folder: string;
  readonly #login: Login;
  readonly #claims: boolean;
  readonly #ids = new Set<number>();

  /** `claims`: false for EXAMINE, which shows recent messages without taking the flag from other sessions. */
  constructor(store: MessageStore, folder: string, login: Login, claims: boolean) {
    this.#store = store;
    this.#folder = folder;
    this.#login = login;
    this.#claims = claims;
  }

  /** The session now knows these messages (ascending ids): those no session had claimed are recent here. */
  learn(messages: readonly StoredMessage[]): void {
    if (!messages.length) return;
    const mark = claimedUpTo(this.#store, this.#folder, this.#login);
    const last = messages[messages.length - 1].id;
    if (last <= mark) return;
    for (let i = messages.length - 1; i >= 0 && messages[i].id > mark; i--) this.#ids.add(messages[i].id);
    if (this.#claims) marksOf(this.#store).set(markKey(this.#folder, this.#login), last);
  }

  has(id: number): boolean {
    return this.#ids.size > 0 && this.#ids.has(id);
  }

  /** The message is gone; true if it was recent here. */
  forget(id: number): boolean {
    return this.#ids.delete(id);
  }

  get size(): number {
    return this.#ids.size;
  }
}
