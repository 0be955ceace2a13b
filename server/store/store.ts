// MessageStore: the only mutable state of mailsandbox. Synchronous; every change emits one event.
// It knows no protocol: SMTP, IMAP, POP3 and HTTP are views that call it and subscribe to it.
import type { DeleteReason, SmtpEnvelope } from '../types.ts';
import { Emitter, type Listener } from './events.ts';
import { FolderMessages } from './folder-messages.ts';
import { DELIMITER, INBOX, SPECIAL_FOLDERS, folderNameProblem, normalizeFolderName } from './folders.ts';
import { CATCH_ALL, SEEN, canSee, seesAll, createContent, type Login, type MailContent, type StoredMessage } from './message.ts';
import { matchesQuery } from './search.ts';
import { StoreError } from './errors.ts';

export type StoreEvent =
  | { type: 'message.added'; message: StoredMessage }
  | { type: 'message.updated'; message: StoredMessage }
  | { type: 'message.deleted'; messages: StoredMessage[]; reason: DeleteReason }
  | { type: 'message.evicted'; messages: StoredMessage[] }
  | { type: 'store.cleared'; messages: StoredMessage[] }
  | { type: 'folder.changed'; folders: string[] };

export interface StoreLimits {
  maxMessages: number;
  maxBytes: number;
}

export interface AddOptions {
  folder?: string;
  flags?: Iterable<string>;
  receivedAt?: Date;
  /** Who sees it; defaults to the envelope recipients. */
  owners?: Iterable<string>;
}

export interface ListFilter {
  login?: Login;
  folder?: string;
  /** A recipient address: only mail it owns. */
  mailbox?: string;
  q?: string;
  unread?: boolean;
}

export interface Page {
  limit?: number;
  offset?: number;
}

export type FlagMode = 'add' | 'remove' | 'replace';

export interface FlagResult {
  changed: StoredMessage[];
  /** CONDSTORE: ids left alone because they changed after `unchangedSince`. */
  modified: number[];
}

export interface FolderState {
  readonly name: string;
  readonly specialUse: string | null;
  readonly uidValidity: number;
  subscribed: boolean;
  highestModseq: number;
  readonly messages: FolderMessages<Mutable>;
}

type Mutable = { -readonly [K in keyof StoredMessage]: StoredMessage[K] };

export interface StoreStats {
  messages: number;
  bytes: number;
  maxMessages: number;
  maxBytes: number;
}

export class MessageStore {
  readonly #limits: StoreLimits;
  readonly #events = new Emitter<StoreEvent>();
  /** Every message by id; insertion order is id order, so the first entry is the oldest. */
  readonly #messages = new Map<number, Mutable>();
  readonly #folders = new Map<string, FolderState>();
  readonly #uidValidityBase = Math.floor(Date.now() / 1000) % 1_000_000_000;
  #nextId = 1;
  #modseq = 1;
  #bytes = 0;

  constructor(limits: StoreLimits) {
    this.#limits = limits;
    this.#createFolderState(INBOX, null);
    for (const { name, specialUse } of SPECIAL_FOLDERS) this.#createFolderState(name, specialUse);
  }

  subscribe(listener: Listener<StoreEvent>): () => void {
    return this.#events.subscribe(listener);
  }

  /** Views subscribed now (each selected IMAP mailbox, each WebSocket hub): a leak shows here. */
  get subscriberCount(): number {
    return this.#events.size;
  }

  get nextId(): number {
    return this.#nextId;
  }

  get highestModseq(): number {
    return this.#modseq;
  }

  /** Takes the raw bytes, or content a caller already wrapped (and maybe read the headers of). */
  add(raw: Buffer | MailContent, envelope: SmtpEnvelope, options: AddOptions = {}): StoredMessage {
    const folder = this.#folder(options.folder ?? INBOX);
    const content = Buffer.isBuffer(raw) ? createContent(raw) : raw;
    const owners = new Set<string>();
    for (const owner of options.owners ?? envelope.rcptTo) owners.add(owner.trim().toLowerCase());
    const message = this.#insert(folder, {
      content,
      envelope: { mailFrom: envelope.mailFrom, rcptTo: [...envelope.rcptTo] },
      owners: [...owners],
      flags: new Set(options.flags ?? []),
      receivedAt: options.receivedAt ?? new Date(),
    });
    this.#events.emit({ type: 'message.added', message });
    this.#evictBeyondLimits(message.id);
    return message;
  }

  get(id: number): StoredMessage | undefined {
    return this.#messages.get(id);
  }

  /** Newest first, paged. `total` and `unread` count the whole filtered list. */
  list(filter: ListFilter = {}, page: Page = {}): { total: number; unread: number; messages: StoredMessage[] } {
    const matches: StoredMessage[] = [];
    let unread = 0;
    const source = filter.folder ? this.#folder(filter.folder).messages : this.#messages;
    const mailbox = filter.mailbox?.trim().toLowerCase();
    const query = filter.q?.trim().toLowerCase();
    for (const message of source.values()) {
      if (filter.login && !canSee(filter.login, message)) continue;
      if (mailbox && !message.owners.includes(mailbox)) continue;
      const seen = message.flags.has(SEEN);
      if (filter.unread && seen) continue;
      if (query && !matchesQuery(message, query)) continue;
      matches.push(message);
      if (!seen) unread++;
    }
    matches.reverse();
    const offset = Math.max(0, page.offset ?? 0);
    const limit = page.limit ?? matches.length;
    return { total: matches.length, unread, messages: matches.slice(offset, offset + limit) };
  }

  /** The messages of one folder a login may see, oldest (lowest UID) first. The list may be shared: never change it. */
  folderMessages(folder: string, login: Login = CATCH_ALL): readonly StoredMessage[] {
    const all = this.#folder(folder).messages.ordered();
    return seesAll(login) ? all : all.filter((message) => canSee(login, message));
  }

  setFlags(ids: Iterable<number>, mode: FlagMode, flags: Iterable<string>, unchangedSince?: number): FlagResult {
    const given = [...new Set(flags)];
    const result: FlagResult = { changed: [], modified: [] };
    for (const id of ids) {
      const message = this.#messages.get(id);
      if (!message) continue;
      if (unchangedSince !== undefined && message.modseq > unchangedSince) {
        result.modified.push(id);
        continue;
      }
      const next = new Set(mode === 'replace' ? given : message.flags);
      if (mode === 'add') for (const flag of given) next.add(flag);
      if (mode === 'remove') for (const flag of given) next.delete(flag);
      if (sameSet(next, message.flags)) continue;
      message.flags = next;
      this.#touch(message);
      result.changed.push(message);
      this.#events.emit({ type: 'message.updated', message });
    }
    return result;
  }

  /** Copies into `folder`; each copy gets a new id. Returns [sourceId, copyId] pairs. */
  copy(ids: Iterable<number>, folder: string): Array<[number, number]> {
    const target = this.#folder(folder);
    const pairs: Array<[number, number]> = [];
    for (const id of ids) {
      const source = this.#messages.get(id);
      if (!source) continue;
      const copy = this.#insert(target, {
        content: source.content,
        envelope: source.envelope,
        owners: source.owners,
        flags: new Set(source.flags),
        receivedAt: source.receivedAt,
      });
      pairs.push([id, copy.id]);
      this.#events.emit({ type: 'message.added', message: copy });
    }
    if (pairs.length) this.#evictBeyondLimits(pairs[pairs.length - 1][1]);
    return pairs;
  }

  /** Moves into `folder`: a copy with a new id, then the original is removed. */
  move(ids: Iterable<number>, folder: string): Array<[number, number]> {
    const pairs = this.copy(ids, folder);
    this.delete(
      pairs.map(([source]) => source),
      'moved',
    );
    return pairs.filter(([, copy]) => this.#messages.has(copy));
  }

  delete(ids: Iterable<number>, reason: DeleteReason = 'deleted'): StoredMessage[] {
    const removed = this.#remove(ids);
    if (removed.length) this.#events.emit({ type: 'message.deleted', messages: removed, reason });
    return removed;
  }

  clear(): void {
    const removed = this.#remove([...this.#messages.keys()]);
    this.#events.emit({ type: 'store.cleared', messages: removed });
  }

  /** Every recipient address with its message counts, most mail first. */
  mailboxes(): Array<{ address: string; total: number; unread: number }> {
    const counts = new Map<string, { address: string; total: number; unread: number }>();
    for (const message of this.#messages.values()) {
      const unread = message.flags.has(SEEN) ? 0 : 1;
      for (const address of message.owners) {
        const entry = counts.get(address) ?? { address, total: 0, unread: 0 };
        entry.total++;
        entry.unread += unread;
        counts.set(address, entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.total - a.total || a.address.localeCompare(b.address));
  }

  stats(): StoreStats {
    return { messages: this.#messages.size, bytes: this.#bytes, ...this.#limits };
  }

  // --- folders ---

  folders(): FolderState[] {
    return [...this.#folders.values()];
  }

  getFolder(name: string): FolderState | undefined {
    return this.#folders.get(normalizeFolderName(name));
  }

  createFolder(name: string): FolderState {
    const normalized = normalizeFolderName(name);
    const problem = folderNameProblem(normalized);
    if (problem) throw new StoreError('bad-folder-name', `invalid folder name (${problem})`);
    if (this.#folders.has(normalized)) throw new StoreError('folder-exists', `folder ${normalized} already exists`);
    const parts = normalized.split(DELIMITER);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join(DELIMITER);
      if (!this.#folders.has(parent)) this.#createFolderState(parent, null);
    }
    const folder = this.#createFolderState(normalized, null);
    this.#emitFolders();
    return folder;
  }

  /** Deletes a folder and the mail in it; its children stay (RFC 3501 6.3.4). */
  deleteFolder(name: string): void {
    const folder = this.#folder(name);
    if (folder.name === INBOX) throw new StoreError('folder-protected', 'INBOX cannot be deleted');
    this.delete([...folder.messages.keys()]);
    this.#folders.delete(folder.name);
    this.#emitFolders();
  }

  /** Renames a folder and its children, keeping ids. Renaming INBOX moves its mail and leaves it empty. */
  renameFolder(from: string, to: string): void {
    const source = this.#folder(from);
    const target = normalizeFolderName(to);
    const problem = folderNameProblem(target);
    if (problem) throw new StoreError('bad-folder-name', `invalid folder name (${problem})`);
    if (this.#folders.has(target)) throw new StoreError('folder-exists', `folder ${target} already exists`);
    if (source.name === INBOX) {
      this.createFolder(target);
      this.move([...source.messages.keys()], target);
      return;
    }
    const renames = [...this.#folders.values()].filter(
      (f) => f.name === source.name || f.name.startsWith(source.name + DELIMITER),
    );
    for (const folder of renames) {
      const newName = target + folder.name.slice(source.name.length);
      this.#folders.delete(folder.name);
      const renamed = this.#createFolderState(newName, null);
      renamed.subscribed = folder.subscribed;
      for (const message of folder.messages.values()) {
        message.folder = newName;
        this.#touch(message);
        renamed.messages.set(message.id, message);
      }
    }
    this.#emitFolders();
  }

  setSubscribed(name: string, subscribed: boolean): void {
    this.#folder(name).subscribed = subscribed;
  }

  // --- internals ---

  #folder(name: string): FolderState {
    const folder = this.#folders.get(normalizeFolderName(name));
    if (!folder) throw new StoreError('no-such-folder', `no folder named ${name}`);
    return folder;
  }

  #createFolderState(name: string, specialUse: string | null): FolderState {
    const folder: FolderState = {
      name,
      specialUse,
      uidValidity: this.#uidValidityBase + this.#folders.size,
      subscribed: true,
      highestModseq: this.#modseq,
      messages: new FolderMessages(),
    };
    this.#folders.set(name, folder);
    return folder;
  }

  #insert(
    folder: FolderState,
    fields: Pick<StoredMessage, 'content' | 'envelope' | 'owners' | 'receivedAt'> & { flags: Set<string> },
  ): StoredMessage {
    const message: Mutable = {
      id: this.#nextId++,
      content: fields.content,
      envelope: fields.envelope,
      owners: fields.owners,
      folder: folder.name,
      flags: fields.flags,
      receivedAt: fields.receivedAt,
      size: fields.content.raw.length,
      modseq: 0,
    };
    this.#touch(message);
    this.#messages.set(message.id, message);
    folder.messages.set(message.id, message);
    this.#bytes += message.size;
    return message;
  }

  #touch(message: Mutable): void {
    message.modseq = ++this.#modseq;
    const folder = this.#folders.get(message.folder);
    if (folder) folder.highestModseq = message.modseq;
  }

  #remove(ids: Iterable<number>): StoredMessage[] {
    const removed: StoredMessage[] = [];
    for (const id of ids) {
      const message = this.#messages.get(id);
      if (!message) continue;
      this.#messages.delete(id);
      const folder = this.#folders.get(message.folder);
      if (folder) {
        folder.messages.delete(id);
        folder.highestModseq = ++this.#modseq;
      }
      this.#bytes -= message.size;
      removed.push(message);
    }
    return removed;
  }

  #evictBeyondLimits(keepId: number): void {
    const evict: number[] = [];
    let count = this.#messages.size;
    let bytes = this.#bytes;
    for (const message of this.#messages.values()) {
      if (count <= this.#limits.maxMessages && bytes <= this.#limits.maxBytes) break;
      if (message.id === keepId) continue;
      evict.push(message.id);
      count--;
      bytes -= message.size;
    }
    if (!evict.length) return;
    this.#events.emit({ type: 'message.evicted', messages: this.#remove(evict) });
  }

  #emitFolders(): void {
    this.#events.emit({ type: 'folder.changed', folders: [...this.#folders.keys()] });
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}
