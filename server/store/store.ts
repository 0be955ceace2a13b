// MessageStore: the only mutable state of mailsandbox. Synchronous; every change emits one event.
// It knows no protocol: SMTP, IMAP, POP3 and HTTP are views that call it and subscribe to it.
import { compileSearch, SearchTextCache, type CompiledSearch } from '../search/index.ts';
import type { SmtpEnvelope } from './envelope.ts';
import { Emitter, type DeleteReason, type Listener } from './events.ts';
import { FolderMessages } from './folder-messages.ts';
import { filterInTurns } from './in-turns.ts';
import { INBOX, SPECIAL_FOLDERS, ancestors, isBelow, isWithin, normalizeFolderName, renamedWithin, validFolderName } from './folders.ts';
import { FlagSpellings, isSystemFlag } from './flags.ts';
import { LoginFolders, LoginStore } from './login.ts';
import { CATCH_ALL, SEEN, canSee, seesAll, createContent, type Login, type MailContent, type StoredMessage } from './message.ts';
import { StoreError } from './errors.ts';

export type StoreEvent =
  /** copyOf: the id of the message this one copies (COPY, MOVE); absent for mail that is new. */
  | { type: 'message.added'; message: StoredMessage; copyOf?: number }
  | { type: 'message.updated'; message: StoredMessage }
  /** One owner let go of a message others still own: it is gone for that owner's logins only. */
  | { type: 'message.released'; message: StoredMessage; address: string }
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
  folder?: string;
  /** A recipient address: only mail it owns. */
  mailbox?: string;
  /** A search in the one search language (server/search), compiled here. */
  q?: string;
  /** The same, already compiled (with a time zone, say). */
  search?: CompiledSearch;
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
  highestModseq: number;
  readonly messages: FolderMessages<Mutable>;
  /** Every keyword a message in this folder has carried, in the order first seen: IMAP's FLAGS list. Never shrinks. */
  readonly keywords: Set<string>;
  /** The same per owner: an address login is told only the keywords its own mail has carried here. */
  readonly keywordsByOwner: Map<string, Set<string>>;
  /** The UID the next message to land here gets. */
  nextUid: number;
  /** The UIDNEXT an address login was given since its mail last landed here; none until asked (see `uidNext`). */
  readonly predictedUids: Map<string, number>;
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
  readonly #messages = new FolderMessages<Mutable>();
  readonly #folders = new Map<string, FolderState>();
  /** See levels(). */
  readonly #levels = new Set<string>();
  /** Decoded, lower-cased text for searches; at most half of maxBytes, freed with its message. */
  readonly searchTexts: SearchTextCache;
  /** Per login (address, or '*' for the catch-all): the names it claimed, its levels and its subscriptions. */
  readonly #loginFolders = new Map<string, LoginFolders>();
  readonly #spellings = new FlagSpellings();
  readonly #uidValidityBase = Math.floor(Date.now() / 1000) % 1_000_000_000;
  /** Folders ever made: a folder made again under an old name starts its UIDs again, so it needs a new UIDVALIDITY. */
  #foldersMade = 0;
  #nextId = 1;
  #modseq = 1;
  #bytes = 0;

  constructor(limits: StoreLimits) {
    this.#limits = limits;
    this.searchTexts = new SearchTextCache(Math.floor(limits.maxBytes / 2));
    this.#createFolderState(INBOX, null);
    for (const { name, specialUse } of SPECIAL_FOLDERS) this.#createFolderState(name, specialUse);
  }

  /** The id the newest message got (0 before the first): every id up to it has been given out. */
  get newestId(): number {
    return this.#nextId - 1;
  }

  subscribe(listener: Listener<StoreEvent>): () => void {
    return this.#events.subscribe(listener);
  }

  /** The store as one login sees it: the only store a protocol command gets. */
  forLogin(login: Login): LoginStore {
    const key = login.address ?? '*';
    let folders = this.#loginFolders.get(key);
    if (!folders) this.#loginFolders.set(key, (folders = new LoginFolders()));
    return new LoginStore(this, login, folders);
  }

  /** Views subscribed now (each selected IMAP mailbox, each WebSocket hub): a leak shows here. */
  get subscriberCount(): number {
    return this.#events.size;
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
      flags: this.#spellings.set(options.flags ?? []),
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
    const source = filter.folder ? this.#folder(filter.folder).messages : this.#messages;
    const mailbox = filter.mailbox?.trim().toLowerCase();
    const search = filter.search ?? (filter.q?.trim() ? compileSearch(filter.q) : null);
    const offset = Math.max(0, page.offset ?? 0);
    // Unfiltered, the page is cut from the shared ordered list and the counts are kept ones: a page
    // of 50 costs 50, whatever the store holds.
    if (!mailbox && !search && !filter.unread) {
      const all = source.ordered();
      const end = Math.max(0, all.length - offset);
      const start = Math.max(0, end - Math.max(0, page.limit ?? all.length));
      return { total: all.length, unread: source.unread, messages: all.slice(start, end).reverse() };
    }
    return this.#page(source.values(), mailbox, filter.unread, search, page);
  }

  /**
   * The same list, with a search run in turns (in-turns.ts): a first search over a large store
   * decodes every body, and this lets SMTP, IMAP and POP3 go on meanwhile. Mail deleted or moved
   * out of the folder during the search is left out; mail that came during it is not searched.
   */
  async listInTurns(filter: ListFilter = {}, page: Page = {}): Promise<{ total: number; unread: number; messages: StoredMessage[] }> {
    const search = filter.search ?? (filter.q?.trim() ? compileSearch(filter.q) : null);
    if (!search) return this.list(filter, page);
    const source = filter.folder ? this.#folder(filter.folder).messages : this.#messages;
    const mailbox = filter.mailbox?.trim().toLowerCase();
    const texts = this.searchTexts;
    const found = await filterInTurns(source.ordered(), (message) => (!mailbox || message.owners.includes(mailbox)) && search.matches(message, texts));
    const current = filter.folder ? this.#folders.get(normalizeFolderName(filter.folder))?.messages : this.#messages;
    const still = current ? found.flatMap((message) => current.get(message.id) ?? []) : [];
    return this.#page(still, undefined, filter.unread, null, page);
  }

  /** Newest first: the messages that pass the filters, one page of them, and the counts of all. */
  #page(messages: Iterable<StoredMessage>, mailbox: string | undefined, unreadOnly: boolean | undefined, search: CompiledSearch | null, page: Page) {
    const matches: StoredMessage[] = [];
    let unread = 0;
    const texts = this.searchTexts;
    for (const message of messages) {
      if (mailbox && !message.owners.includes(mailbox)) continue;
      const seen = message.flags.has(SEEN);
      if (unreadOnly && seen) continue;
      if (search && !search.matches(message, texts)) continue;
      matches.push(message);
      if (!seen) unread++;
    }
    matches.reverse();
    const offset = Math.max(0, page.offset ?? 0);
    const limit = page.limit ?? matches.length;
    return { total: matches.length, unread, messages: matches.slice(offset, offset + limit) };
  }

  /** Every message, oldest first, without copying: the list is shared, so never change it. */
  all(): readonly StoredMessage[] {
    return this.#messages.ordered();
  }

  /** How many messages the store (or one folder) holds, and how many of them are unread, without walking them. */
  counts(folder?: string): { total: number; unread: number } {
    const source = folder ? this.#folder(folder).messages : this.#messages;
    return { total: source.size, unread: source.unread };
  }

  /** The messages of one folder a login may see, oldest (lowest UID) first. The list may be shared: never change it. */
  folderMessages(folder: string, login: Login = CATCH_ALL): readonly StoredMessage[] {
    const all = this.#folder(folder).messages.ordered();
    return seesAll(login) ? all : all.filter((message) => canSee(login, message));
  }

  /**
   * The UIDNEXT of a folder as a login sees it (RFC 3501 2.3.1.1). For the catch-all it is the
   * folder's next UID. An address login's folder is a mailbox of its own: its UIDNEXT stays put until
   * that login's mail lands there, so mail only others see does not move it. That prediction is
   * fixed when first asked, and holds until anyone's mail lands in the folder.
   */
  uidNext(folder: FolderState, login: Login = CATCH_ALL): number {
    const { address } = login;
    if (address === null) return folder.nextUid;
    let predicted = folder.predictedUids.get(address);
    if (predicted === undefined) folder.predictedUids.set(address, (predicted = folder.nextUid));
    return predicted;
  }

  /** The keywords `owner`'s mail has carried in the folder, kept up to date as it gains more. */
  keywordsOf(folder: FolderState, owner: string): ReadonlySet<string> {
    return this.#ownerKeywords(folder, owner);
  }

  /**
   * The flags a message would have after such a change, without changing it: for a session that still
   * numbers a message already removed. Its folder learns the keywords, so they are announced as usual.
   */
  flagsAfter(message: StoredMessage, mode: FlagMode, flags: Iterable<string>): Set<string> {
    const next = this.#applyFlags(message.flags, mode, [...this.#spellings.set(flags)]);
    this.#learnKeywords(message, next);
    return next;
  }

  setFlags(ids: Iterable<number>, mode: FlagMode, flags: Iterable<string>, unchangedSince?: number): FlagResult {
    const given = [...this.#spellings.set(flags)];
    const result: FlagResult = { changed: [], modified: [] };
    for (const id of ids) {
      const message = this.#messages.get(id);
      if (!message) continue;
      if (unchangedSince !== undefined && message.modseq > unchangedSince) {
        result.modified.push(id);
        continue;
      }
      const next = this.#applyFlags(message.flags, mode, given);
      if (sameSet(next, message.flags)) continue;
      const nowSeen = next.has(SEEN);
      if (nowSeen !== message.flags.has(SEEN)) {
        this.#messages.seenChanged(nowSeen);
        this.#folders.get(message.folder)?.messages.seenChanged(nowSeen);
      }
      message.flags = next;
      this.#learnKeywords(message);
      this.#touch(message);
      result.changed.push(message);
      this.#events.emit({ type: 'message.updated', message });
    }
    return result;
  }

  /** Copies into `folder`; each copy gets a new id, and the source's owners unless `owners` are given. Returns [sourceId, copyId] pairs. */
  copy(ids: Iterable<number>, folder: string, owners?: readonly string[]): Array<[number, number]> {
    const target = this.#folder(folder);
    const pairs: Array<[number, number]> = [];
    for (const id of ids) {
      const source = this.#messages.get(id);
      if (!source) continue;
      const copy = this.#insert(target, {
        content: source.content,
        envelope: source.envelope,
        owners: owners ?? source.owners,
        flags: new Set(source.flags),
        receivedAt: source.receivedAt,
      });
      pairs.push([id, copy.id]);
      this.#events.emit({ type: 'message.added', message: copy, copyOf: id });
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

  /**
   * `address` lets go of these messages: those it alone owns are deleted; the others lose it as an
   * owner and stay, unchanged, for everyone else. Messages it does not own are left alone.
   */
  release(ids: Iterable<number>, address: string, reason: DeleteReason = 'deleted'): void {
    const doomed: number[] = [];
    for (const id of ids) {
      const message = this.#messages.get(id);
      if (!message?.owners.includes(address)) continue;
      if (message.owners.length === 1) {
        doomed.push(id);
        continue;
      }
      message.owners = message.owners.filter((owner) => owner !== address);
      this.#events.emit({ type: 'message.released', message, address });
    }
    this.delete(doomed, reason);
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

  /**
   * The names that exist only as a level of the hierarchy, \Noselect in IMAP (RFC 3501 6.3.3-6.3.4):
   * the parents CREATE a/b implied, `CREATE name/`, and a deleted folder that had children. A level
   * stays when its children go, until it is deleted itself, as in Dovecot.
   */
  levels(): string[] {
    return [...this.#levels];
  }

  isLevel(name: string): boolean {
    return this.#levels.has(normalizeFolderName(name));
  }

  createFolder(name: string): FolderState {
    const normalized = this.#checkNewName(name, 'folder');
    this.#levels.delete(normalized);
    this.addLevels(ancestors(normalized));
    const folder = this.#createFolderState(normalized, null);
    this.#emitFolders();
    return folder;
  }

  /** `CREATE name/`: a level to create folders under, \Noselect until a CREATE of the name itself. */
  createLevel(name: string): void {
    const normalized = this.#checkNewName(name, 'level');
    this.addLevels([...ancestors(normalized), normalized]);
  }

  /** Adds each name that is neither a folder nor a level yet as a level. */
  addLevels(names: Iterable<string>): void {
    for (const name of names) if (!this.#folders.has(name)) this.#levels.add(name);
  }

  /** Deletes a folder and the mail in it; its children stay, and it stays as their level (RFC 3501 6.3.4). */
  deleteFolder(name: string): void {
    const normalized = normalizeFolderName(name);
    if (this.#levels.has(normalized)) return this.#deleteLevel(normalized);
    const folder = this.#folder(name);
    if (folder.name === INBOX) throw new StoreError('folder-protected', 'INBOX cannot be deleted');
    this.delete([...folder.messages.keys()]);
    this.#folders.delete(folder.name);
    if (this.hasChildren(folder.name)) this.#levels.add(folder.name);
    for (const records of this.#loginFolders.values()) records.forget(folder.name);
    this.#emitFolders();
  }

  /** Whether any folder or level lies below the name. */
  hasChildren(name: string): boolean {
    for (const other of this.#folders.keys()) if (isBelow(other, name)) return true;
    for (const other of this.#levels) if (isBelow(other, name)) return true;
    return false;
  }

  /** Renames a folder or level and everything below it, keeping ids. Renaming INBOX moves its mail and leaves it empty. */
  renameFolder(from: string, to: string): void {
    const sourceName = normalizeFolderName(from);
    if (!this.#levels.has(sourceName)) this.#folder(from);
    const target = this.#checkNewName(to, 'level');
    if (sourceName === INBOX) {
      this.createFolder(target);
      this.move([...this.#folder(INBOX).messages.keys()], target);
      return;
    }
    for (const level of [...this.#levels].filter((name) => isWithin(name, sourceName))) {
      this.#levels.delete(level);
      this.#levels.add(renamedWithin(level, sourceName, target));
    }
    for (const folder of [...this.#folders.values()].filter((f) => isWithin(f.name, sourceName))) {
      const newName = renamedWithin(folder.name, sourceName, target);
      this.#folders.delete(folder.name);
      const moved = this.#createFolderState(newName, null);
      moved.nextUid = folder.nextUid;
      for (const keyword of folder.keywords) moved.keywords.add(keyword);
      for (const [owner, keywords] of folder.keywordsByOwner) moved.keywordsByOwner.set(owner, keywords);
      for (const message of folder.messages.values()) {
        message.folder = newName;
        this.#touch(message);
        moved.messages.set(message.id, message);
      }
    }
    for (const records of this.#loginFolders.values()) records.renameBelow(sourceName, target);
    this.addLevels(ancestors(target));
    this.#emitFolders();
  }

  /**
   * Drops a folder nobody uses any more: no mail in it and no login that created or subscribed it.
   * With children it stays as their level.
   */
  dropUnused(name: string): void {
    const folder = this.#folders.get(normalizeFolderName(name));
    if (!folder || folder.name === INBOX || folder.specialUse || folder.messages.size) return;
    for (const records of this.#loginFolders.values()) if (records.uses(folder.name)) return;
    this.deleteFolder(folder.name);
  }

  /** Drops a level no login keeps and nothing lies below. */
  dropUnusedLevel(name: string): void {
    if (!this.#levels.has(name) || this.hasChildren(name)) return;
    for (const records of this.#loginFolders.values()) if (records.levels.has(name)) return;
    this.#levels.delete(name);
    this.#emitFolders();
  }

  // --- internals ---

  /** `given` is already in canonical spellings. */
  #applyFlags(current: ReadonlySet<string>, mode: FlagMode, given: string[]): Set<string> {
    if (mode === 'replace') return new Set(given);
    const next = new Set(current);
    if (mode === 'add') for (const flag of given) next.add(flag);
    else for (const flag of given) next.delete(flag);
    // An added system flag goes before the keywords.
    return mode === 'add' ? this.#spellings.set(next) : next;
  }

  #deleteLevel(name: string): void {
    if (this.hasChildren(name)) throw new StoreError('folder-has-children', `${name} has child folders: delete them first`);
    this.#levels.delete(name);
    for (const records of this.#loginFolders.values()) records.levels.delete(name);
    this.#emitFolders();
  }

  /** A valid name that is no folder yet, nor a level unless a folder is to take its place; normalized. */
  #checkNewName(name: string, kind: 'folder' | 'level'): string {
    const normalized = validFolderName(name);
    if (this.#folders.has(normalized) || (kind === 'level' && this.#levels.has(normalized))) throw new StoreError('folder-exists', `folder ${normalized} already exists`);
    return normalized;
  }

  #folder(name: string): FolderState {
    const folder = this.#folders.get(normalizeFolderName(name));
    if (!folder) throw new StoreError('no-such-folder', `no folder named ${name}`);
    return folder;
  }

  #createFolderState(name: string, specialUse: string | null): FolderState {
    const folder: FolderState = {
      name,
      specialUse,
      uidValidity: this.#uidValidityBase + this.#foldersMade++,
      highestModseq: this.#modseq,
      messages: new FolderMessages(),
      keywords: new Set(),
      keywordsByOwner: new Map(),
      nextUid: 1,
      predictedUids: new Map(),
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
      uid: folder.nextUid++,
      content: fields.content,
      envelope: fields.envelope,
      owners: fields.owners,
      folder: folder.name,
      flags: fields.flags,
      receivedAt: fields.receivedAt,
      size: fields.content.size,
      modseq: 0,
    };
    this.#touch(message);
    this.#messages.set(message.id, message);
    folder.messages.set(message.id, message);
    if (folder.predictedUids.size) for (const owner of message.owners) folder.predictedUids.delete(owner);
    this.#learnKeywords(message);
    this.#bytes += message.size;
    return message;
  }

  /** The folder (and each owner's share of it) learns the keywords among `flags`. */
  #learnKeywords(message: StoredMessage, flags: Iterable<string> = message.flags): void {
    const folder = this.#folders.get(message.folder);
    if (!folder) return;
    for (const flag of flags) {
      if (isSystemFlag(flag)) continue;
      folder.keywords.add(flag);
      for (const owner of message.owners) this.#ownerKeywords(folder, owner).add(flag);
    }
  }

  #ownerKeywords(folder: FolderState, owner: string): Set<string> {
    let keywords = folder.keywordsByOwner.get(owner);
    if (!keywords) folder.keywordsByOwner.set(owner, (keywords = new Set()));
    return keywords;
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
      this.searchTexts.forget(message.content);
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
