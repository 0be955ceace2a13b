// \Recent (RFC 3501 2.3.2): a message is recent in exactly one session, the first to learn of it,
// by SELECT or by an EXISTS while selected. EXAMINE shows the same flags without claiming any
// (RFC 3501 6.3.2). Mail arrives with ascending ids, so all that has to be shared is, per folder and
// login, the highest id a session has claimed: a session claims the ids above that mark. A login
// with an address has its own mark, since it sees a mailbox of its own.
import type { Folder, LoginStore } from '../store/login.ts';
import type { StoredMessage } from '../store/message.ts';

/** Per login account (its LoginStore's records): per folder, the highest id claimed. */
const marksByLogin = new WeakMap<object, Map<string, number>>();

function marksOf(store: LoginStore): Map<string, number> {
  let marks = marksByLogin.get(store.records);
  if (!marks) marksByLogin.set(store.records, (marks = new Map()));
  return marks;
}

/** Highest id any session of this login has claimed as recent in this folder (0 for none). */
export function claimedUpTo(store: LoginStore, folder: Folder): number {
  return marksOf(store).get(folder.name) ?? 0;
}

/** One session's recent messages. */
export class RecentSet {
  readonly #store: LoginStore;
  readonly #folder: Folder;
  readonly #claims: boolean;
  readonly #ids = new Set<number>();
  /** The count the client was last told, in a RECENT response. */
  #told = -1;

  /** `claims`: false for EXAMINE, which shows recent messages without taking the flag from other sessions. */
  constructor(store: LoginStore, folder: Folder, claims: boolean) {
    this.#store = store;
    this.#folder = folder;
    this.#claims = claims;
  }

  /** The session now knows these messages (ascending ids): those no session had claimed are recent here. */
  learn(messages: readonly StoredMessage[]): void {
    if (!messages.length) return;
    const mark = claimedUpTo(this.#store, this.#folder);
    const last = messages[messages.length - 1].id;
    if (last <= mark) return;
    for (let i = messages.length - 1; i >= 0 && messages[i].id > mark; i--) this.#ids.add(messages[i].id);
    if (this.#claims) marksOf(this.#store).set(this.#folder.name, last);
  }

  has(id: number): boolean {
    return this.#ids.size > 0 && this.#ids.has(id);
  }

  /** The message is gone. */
  forget(id: number): void {
    this.#ids.delete(id);
  }

  /** `n RECENT`, which the client now knows. */
  response(): string {
    this.#told = this.#ids.size;
    return `${this.#told} RECENT`;
  }

  /** `n RECENT` if the count moved since the client was told; as Dovecot, nothing when it did not. */
  update(): string | null {
    return this.#ids.size === this.#told ? null : this.response();
  }
}
