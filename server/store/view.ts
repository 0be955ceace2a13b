// MailboxView: one session's numbering of one folder under one login filter. Sequence number n is
// the n-th message the session has been told about. Store changes are collected as they happen and
// handed out only when the session asks (a protocol decides when numbering may change): expunged
// messages keep their number, and their data, until then; new mail waits to be announced.
import type { MessageStore, StoreEvent } from './store.ts';
import { canSee, type Login, type StoredMessage } from './message.ts';

export type ViewUpdate =
  | { kind: 'expunge'; seq: number; id: number; uid: number }
  | { kind: 'exists'; count: number; arrived: readonly StoredMessage[] }
  | { kind: 'flags'; seq: number; message: StoredMessage };

export class MailboxView {
  readonly folder: string;
  readonly login: Login;
  /** In sequence order (ascending ids and UIDs); includes removed messages not yet reported. */
  #messages: readonly StoredMessage[];
  /** #messages once this view has its own copy: it starts as the store's shared list, copied before its first change. */
  #ownMessages: StoredMessage[] | null = null;
  /** Ids removed from the store, still numbered here. */
  readonly #removed = new Set<number>();
  /** Added to the folder, not yet numbered. */
  #arrived: StoredMessage[] = [];
  /** Ids whose flags changed since the session last heard. */
  readonly #flagChanges = new Set<number>();
  readonly #unsubscribe: () => void;
  /** Called after each store change that gives this view something to report. */
  onChange: (() => void) | null = null;

  constructor(store: MessageStore, folder: string, login: Login) {
    this.folder = folder;
    this.login = login;
    this.#messages = store.folderMessages(folder, login);
    this.#unsubscribe = store.subscribe((event) => this.#onEvent(event));
  }

  close(): void {
    this.#unsubscribe();
    this.onChange = null;
  }

  /** Messages currently numbered (the last EXISTS count). */
  get count(): number {
    return this.#messages.length;
  }

  /** The numbered messages in sequence order (index = seq - 1), removed ones not yet reported included. */
  get numbered(): readonly StoredMessage[] {
    return this.#messages;
  }

  /** Sequence number of a numbered id, or 0. Binary search: ids ascend with the sequence. */
  seqOf(id: number): number {
    const list = this.#messages;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = list[mid].id;
      if (value === id) return mid + 1;
      if (value < id) low = mid + 1;
      else high = mid - 1;
    }
    return 0;
  }

  /** Sequence number of a numbered UID, or 0. */
  seqOfUid(uid: number): number {
    const index = this.#firstUidAtLeast(uid);
    return this.#messages[index]?.uid === uid ? index + 1 : 0;
  }

  /** The first index whose UID is >= uid. UIDs ascend with the sequence, as ids do. */
  #firstUidAtLeast(uid: number): number {
    const list = this.#messages;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid].uid < uid) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Sequence numbers of the numbered messages whose UIDs lie in [from, to], ascending. */
  seqsInUidRange(from: number, to: number): [number, number] {
    return [this.#firstUidAtLeast(from) + 1, this.#firstUidAtLeast(to + 1)];
  }

  /** Highest numbered UID, or 0 when empty. */
  get lastUid(): number {
    return this.#messages.length ? this.#messages[this.#messages.length - 1].uid : 0;
  }

  isRemoved(id: number): boolean {
    return this.#removed.size > 0 && this.#removed.has(id);
  }

  /** The session reported this flag change itself (e.g. a STORE reply). */
  forgetFlagChange(id: number): void {
    this.#flagChanges.delete(id);
  }

  get hasUpdates(): boolean {
    return this.#removed.size > 0 || this.#arrived.length > 0 || this.#flagChanges.size > 0;
  }

  /**
   * What changed since the last call, in the order to report it: removals (highest number first, so
   * each number is right when it is read), then the new count, then flag changes. With
   * `removals: false` removed messages keep their numbers for now.
   */
  takeUpdates(removals: boolean): ViewUpdate[] {
    const updates: ViewUpdate[] = [];
    if (removals && this.#removed.size) {
      const kept: StoredMessage[] = [];
      const gone: Array<{ kind: 'expunge'; seq: number; id: number; uid: number }> = [];
      this.#messages.forEach((message, i) =>
        this.#removed.has(message.id) ? gone.push({ kind: 'expunge', seq: i + 1, id: message.id, uid: message.uid }) : kept.push(message),
      );
      this.#messages = this.#ownMessages = kept;
      this.#removed.clear();
      for (let i = gone.length - 1; i >= 0; i--) updates.push(gone[i]);
    }
    if (this.#arrived.length) {
      const messages = (this.#ownMessages ??= [...this.#messages]);
      const arrived = this.#arrived;
      for (const message of arrived) messages.push(message);
      this.#messages = messages;
      this.#arrived = [];
      updates.push({ kind: 'exists', count: this.#messages.length, arrived });
    }
    if (this.#flagChanges.size) {
      const changed: Array<{ kind: 'flags'; seq: number; message: StoredMessage }> = [];
      for (const id of this.#flagChanges) {
        const seq = this.seqOf(id);
        // A message whose removal is held back still has its number: its last flag change is news too.
        if (seq) changed.push({ kind: 'flags', seq, message: this.#messages[seq - 1] });
      }
      this.#flagChanges.clear();
      changed.sort((a, b) => a.seq - b.seq);
      for (const update of changed) updates.push(update);
    }
    return updates;
  }

  #onEvent(event: StoreEvent): void {
    let changed = false;
    switch (event.type) {
      case 'message.added':
        if (event.message.folder === this.folder && canSee(this.login, event.message)) {
          this.#arrived.push(event.message);
          changed = true;
        }
        break;
      case 'message.updated':
        if (event.message.folder === this.folder && this.seqOf(event.message.id)) {
          this.#flagChanges.add(event.message.id);
          changed = true;
        }
        break;
      case 'message.released':
        // Its owner let go of it: gone from that owner's mailbox, still there for everyone else.
        if (event.address === this.login.address) changed = this.#onRemoved(event.message);
        break;
      case 'message.deleted':
      case 'message.evicted':
      case 'store.cleared':
        for (const message of event.messages) changed = this.#onRemoved(message) || changed;
        break;
      case 'folder.changed':
        // Renamed (or deleted) under this session: its mail now lives under another name, so for
        // this view it is gone. Left numbered, the view would not hear of the folder's changes again.
        if (!event.folders.includes(this.folder)) changed = this.#folderGone();
        break;
    }
    if (changed) this.onChange?.();
  }

  #folderGone(): boolean {
    this.#arrived = [];
    this.#flagChanges.clear();
    for (const message of this.#messages) this.#removed.add(message.id);
    return this.#removed.size > 0;
  }

  #onRemoved(message: StoredMessage): boolean {
    if (message.folder !== this.folder) return false;
    if (this.#arrived.length && message.id >= this.#arrived[0].id) {
      const before = this.#arrived.length;
      this.#arrived = this.#arrived.filter((m) => m.id !== message.id);
      if (this.#arrived.length !== before) return false;
    }
    if (!this.seqOf(message.id)) return false;
    this.#removed.add(message.id);
    return true;
  }
}
