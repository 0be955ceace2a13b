// LoginStore: the store as one login sees it, and the only store a protocol command gets. An address
// login behaves as its own account: it sees, changes and deletes only the mail it owns, and its
// folder list holds the special folders plus those that hold its mail or that it created or
// subscribed. Folder names are shared, so what it deletes or renames is its own mail under that name;
// the mail of other owners stays where it is. The catch-all login (no `@`) sees and changes everything.
// Flags live on the message: two owners of one message share its flag state.
import type { SmtpEnvelope } from './envelope.ts';
import type { DeleteReason } from './events.ts';
import { StoreError } from './errors.ts';
import { INBOX, SPECIAL_FOLDERS, ancestors, isBelow, isWithin, normalizeFolderName, renamedWithin, validFolderName } from './folders.ts';
import { canSee, type Login, type MailContent, type StoredMessage } from './message.ts';
import type { AddOptions, FlagMode, FlagResult, FolderState, MessageStore } from './store.ts';
import { MailboxView } from './view.ts';

/** A folder as a login sees it: its name and numbers, never the messages of other owners. */
export interface Folder {
  readonly name: string;
  readonly specialUse: string | null;
  readonly uidValidity: number;
  readonly highestModseq: number;
  /** Every keyword its messages have carried (IMAP's FLAGS list). */
  readonly keywords: ReadonlySet<string>;
}

/** What one login did to folder names: kept for the life of the store, shared by its sessions. */
export class LoginFolders {
  /** Names it created or subscribed: its folders, even when empty. DELETE takes the claim back. */
  readonly claimed = new Set<string>();
  /** Levels of its hierarchy (\Noselect): the parents its CREATE implied, `CREATE name/`, a folder it deleted that had children. */
  readonly levels = new Set<string>();
  /**
   * SUBSCRIBE and UNSUBSCRIBE; without an entry, INBOX and the special folders count as subscribed,
   * others not. A subscription outlives its folder (RFC 3501 6.3.9): LIST (SUBSCRIBED) shows it \NonExistent.
   */
  readonly subscriptions = new Map<string, boolean>();

  uses(name: string): boolean {
    return this.claimed.has(name);
  }

  forget(name: string): void {
    this.claimed.delete(name);
  }

  /** RENAME of `from` and everything below it. */
  renameBelow(from: string, to: string): void {
    for (const set of [this.claimed, this.levels]) {
      for (const name of [...set].filter((name) => isWithin(name, from))) set.delete(name), set.add(renamedWithin(name, from, to));
    }
    for (const [name, subscribed] of [...this.subscriptions].filter(([name]) => isWithin(name, from))) {
      this.subscriptions.delete(name);
      this.subscriptions.set(renamedWithin(name, from, to), subscribed);
    }
  }
}

/** One name of a login's hierarchy: a folder it can select, or a level (\Noselect) with folder null. */
export interface HierarchyEntry {
  readonly name: string;
  readonly folder: Folder | null;
}

export class LoginStore {
  readonly #store: MessageStore;
  readonly login: Login;
  /** Also the identity of the login's account: sessions of one login share it. */
  readonly records: LoginFolders;

  constructor(store: MessageStore, login: Login, records: LoginFolders) {
    this.#store = store;
    this.login = login;
    this.records = records;
  }

  get seesAll(): boolean {
    return this.login.address === null;
  }

  canSee(message: StoredMessage): boolean {
    return canSee(this.login, message);
  }

  get(id: number): StoredMessage | undefined {
    const message = this.#store.get(id);
    return message && this.canSee(message) ? message : undefined;
  }

  /** The highest UID the folder ever gave out (for QRESYNC's VANISHED). */
  lastAssignedUid(folder: Folder): number {
    return (this.#store.getFolder(folder.name)?.nextUid ?? 1) - 1;
  }

  /** The folder's UIDNEXT (RFC 3501 2.3.1.1): it moves only when mail lands in that folder. */
  uidNext(folder: Folder): number {
    const state = this.#store.getFolder(folder.name);
    return state ? this.#store.uidNext(state, this.login) : 1;
  }

  // --- folders ---

  /** A folder this login can see, by name; others' private folders do not exist for it. */
  folder(name: string): Folder | undefined {
    const folder = this.#store.getFolder(name);
    return folder && this.#visible(folder) ? this.#asSeen(folder) : undefined;
  }

  /** The folders this login sees, INBOX first. */
  folders(): Folder[] {
    const all = this.#store.folders();
    const shown = this.seesAll ? all : all.filter((f) => this.#ownsName(f)).map((f) => this.#asSeen(f));
    return [...shown.filter((f) => f.name === INBOX), ...shown.filter((f) => f.name !== INBOX)];
  }

  /**
   * Every name of this login's hierarchy: its folders, its levels, and the parents of both. For an
   * address login a name above its folders that it does not own is a level, whatever other logins keep there.
   */
  hierarchy(): HierarchyEntry[] {
    const folders = new Map(this.folders().map((f) => [f.name, f]));
    const levels = this.seesAll ? this.#store.levels() : [...this.records.levels];
    // Parents before their children.
    const entries = new Map<string, HierarchyEntry>();
    for (const name of [...folders.keys(), ...levels]) {
      for (const each of [...ancestors(name), name]) if (!entries.has(each)) entries.set(each, { name: each, folder: folders.get(each) ?? null });
    }
    return [...entries.values()];
  }

  isSubscribed(name: string): boolean {
    return this.records.subscriptions.get(name) ?? (name === INBOX || SPECIAL_FOLDERS.some((f) => f.name === name));
  }

  /** The names this login subscribed, whether or not they exist (RFC 3501 6.3.9). */
  subscribedNames(): string[] {
    const names = new Set<string>([INBOX, ...SPECIAL_FOLDERS.map((f) => f.name)].filter((name) => this.isSubscribed(name)));
    for (const [name, subscribed] of this.records.subscriptions) if (subscribed) names.add(name);
    return [...names];
  }

  /** The folder's messages this login sees, lowest UID first. Shared: never change the list. */
  folderMessages(folder: Folder): readonly StoredMessage[] {
    return this.#store.folderMessages(folder.name, this.login);
  }

  /** A session's numbering of a folder's messages for this login. */
  openView(folder: Folder): MailboxView {
    return new MailboxView(this.#store, folder.name, this.login);
  }

  /** CREATE: a level of that name becomes a folder; the levels above it are made as needed. */
  createFolder(name: string): Folder {
    const normalized = this.#newName(name, 'folder');
    const existing = this.#store.getFolder(normalized);
    // Another login's folder of that name: it becomes this login's too, empty for it.
    const folder = existing ?? this.#store.createFolder(normalized);
    this.#claim(folder.name);
    return this.#asSeen(folder);
  }

  /** `CREATE name/` (RFC 3501 6.3.3): a level to create folders under, \Noselect until CREATE name. */
  createLevel(name: string): void {
    const normalized = this.#newName(name, 'level');
    if (this.seesAll) return this.#store.createLevel(normalized);
    this.#store.addLevels([...ancestors(normalized), normalized]);
    this.#addOwnLevels([...ancestors(normalized), normalized]);
  }

  /**
   * DELETE (RFC 3501 6.3.4). A folder with children stays as their level; a level can go only once
   * nothing lies below it. For an address login, its own mail in the folder and its claim on the name go.
   */
  deleteFolder(name: string): void {
    const normalized = normalizeFolderName(name);
    if (this.seesAll) return this.#store.deleteFolder(normalized);
    const entries = this.hierarchy();
    const entry = entries.find((e) => e.name === normalized);
    if (!entry) throw new StoreError('no-such-folder', `no folder named ${name}`);
    const hasChildren = entries.some((e) => isBelow(e.name, normalized));
    if (!entry.folder) {
      if (hasChildren) throw new StoreError('folder-has-children', `${normalized} has child folders: delete them first`);
      this.records.levels.delete(normalized);
      this.#store.dropUnusedLevel(normalized);
      return;
    }
    if (normalized === INBOX) throw new StoreError('folder-protected', 'INBOX cannot be deleted');
    this.#store.release(
      this.folderMessages(entry.folder).map((m) => m.id),
      this.#address(),
    );
    this.records.forget(normalized);
    if (hasChildren) this.records.levels.add(normalized);
    this.#store.dropUnused(normalized);
  }

  /**
   * RENAME (RFC 3501 6.3.5), children and levels included. For an address login only its own mail
   * moves, to the new name; other owners' mail stays under the old one. Renaming INBOX moves its
   * INBOX mail and leaves INBOX in place, empty.
   */
  renameFolder(from: string, to: string): void {
    const sourceName = normalizeFolderName(from);
    if (!this.hierarchy().some((e) => e.name === sourceName)) throw new StoreError('no-such-folder', `no folder named ${from}`);
    const target = this.#newName(to, 'level');
    if (this.seesAll) return this.#store.renameFolder(sourceName, target);
    const address = this.#address();
    const family = sourceName === INBOX ? [this.folder(INBOX)!] : this.folders().filter((f) => isWithin(f.name, sourceName));
    const oldLevels = [...this.records.levels].filter((name) => isWithin(name, sourceName));
    for (const folder of family) {
      const destination = this.#folderFor(renamedWithin(folder.name, sourceName, target));
      this.#moveOwn(this.folderMessages(folder), destination.name, address);
      if (folder.name === INBOX) continue;
      this.records.forget(folder.name);
      this.#store.dropUnused(folder.name);
    }
    if (sourceName === INBOX) return;
    this.records.renameBelow(sourceName, target);
    const newLevels = [...ancestors(target), ...oldLevels.map((level) => renamedWithin(level, sourceName, target))];
    this.#store.addLevels(newLevels);
    this.#addOwnLevels(newLevels);
    for (const level of oldLevels) this.#store.dropUnusedLevel(level);
  }

  /** SUBSCRIBE needs a name of this login's hierarchy; UNSUBSCRIBE also takes one whose folder is gone. */
  setSubscribed(name: string, subscribed: boolean): void {
    const normalized = normalizeFolderName(name);
    const known = this.hierarchy().some((e) => e.name === normalized);
    const droppingStale = !subscribed && this.isSubscribed(normalized);
    if (!known && !droppingStale) throw new StoreError('no-such-folder', `no folder named ${name}`);
    this.records.subscriptions.set(normalized, subscribed);
    if (subscribed && this.folder(normalized)) this.#claim(normalized);
  }

  // --- messages ---

  /** APPEND: an address login owns what it appends; the catch-all gives the owners it is told. */
  add(content: MailContent, envelope: SmtpEnvelope, options: AddOptions & { folder: string }): StoredMessage {
    this.#require(options.folder);
    const owners = this.seesAll ? options.owners : [this.#address()];
    return this.#store.add(content, envelope, { ...options, owners });
  }

  setFlags(ids: Iterable<number>, mode: FlagMode, flags: Iterable<string>, unchangedSince?: number): FlagResult {
    return this.#store.setFlags(this.#own(ids), mode, flags, unchangedSince);
  }

  /** The flags a message would show after such a change, without changing it (a session's view of mail already expunged). */
  flagsAfter(message: StoredMessage, mode: FlagMode, flags: Iterable<string>): Set<string> {
    return this.#store.flagsAfter(message, mode, flags);
  }

  /** Copies get new ids; an address login's copies belong to it alone. Returns [sourceId, copyId] pairs. */
  copy(ids: Iterable<number>, folder: string): Array<[number, number]> {
    const target = this.#require(folder);
    return this.#store.copy(this.#own(ids), target.name, this.seesAll ? undefined : [this.#address()]);
  }

  /** Moves this login's messages; another owner's share of one stays where it was. */
  move(ids: Iterable<number>, folder: string): Array<[number, number]> {
    const target = this.#require(folder);
    if (this.seesAll) return this.#store.move(ids, target.name);
    const messages = this.#own(ids).map((id) => this.#store.get(id)!);
    return this.#moveOwn(messages, target.name, this.#address());
  }

  /** EXPUNGE, POP3 DELE+QUIT: for an address login, the mail leaves its mailbox and stays for other owners. */
  delete(ids: Iterable<number>, reason: DeleteReason = 'deleted'): void {
    if (this.seesAll) this.#store.delete(ids, reason);
    else this.#store.release(ids, this.#address(), reason);
  }

  // --- internals ---

  #moveOwn(messages: readonly StoredMessage[], folder: string, address: string): Array<[number, number]> {
    const alone = messages.filter((m) => m.owners.length === 1).map((m) => m.id);
    const shared = messages.filter((m) => m.owners.length > 1).map((m) => m.id);
    const pairs = this.#store.move(alone, folder);
    if (shared.length) {
      pairs.push(...this.#store.copy(shared, folder, [address]));
      this.#store.release(shared, address, 'moved');
      pairs.sort((a, b) => a[0] - b[0]);
    }
    return pairs;
  }

  /** The ids this login may act on. */
  #own(ids: Iterable<number>): number[] {
    const own: number[] = [];
    for (const id of ids) if (this.get(id)) own.push(id);
    return own;
  }

  #address(): string {
    if (this.login.address === null) throw new Error('the catch-all login has no address');
    return this.login.address;
  }

  /** The named folder for this login, created or claimed when it has none by that name. */
  #folderFor(name: string): Folder {
    return this.folder(name) ?? this.createFolder(name);
  }

  /** The folder as this login sees it: for an address login, with only the keywords of its own mail. */
  #asSeen(folder: FolderState): Folder {
    const address = this.login.address;
    if (address === null) return folder;
    const store = this.#store;
    // Read when asked: LIST and LSUB look at many folders and none of their keywords.
    return {
      name: folder.name,
      specialUse: folder.specialUse,
      uidValidity: folder.uidValidity,
      get highestModseq() {
        return folder.highestModseq;
      },
      get keywords() {
        return store.keywordsOf(folder, address);
      },
    };
  }

  /** A valid name not yet in this login's hierarchy (a level may still become a folder), normalized. */
  #newName(name: string, kind: 'folder' | 'level'): string {
    const normalized = validFolderName(name);
    const entry = this.hierarchy().find((e) => e.name === normalized);
    if (entry && (entry.folder || kind === 'level')) {
      throw new StoreError('folder-exists', `folder ${normalized} already exists`);
    }
    return normalized;
  }

  /** Records the names as an address login's levels where it has no folder of that name (the catch-all's are the store's). */
  #addOwnLevels(names: Iterable<string>): void {
    if (this.seesAll) return;
    for (const name of names) if (!this.folder(name)) this.records.levels.add(name);
  }

  #claim(name: string): void {
    this.records.claimed.add(name);
    this.records.levels.delete(name);
    this.#addOwnLevels(ancestors(name));
  }

  #require(name: string): FolderState {
    const folder = this.#store.getFolder(name);
    if (!folder || !this.#visible(folder)) throw new StoreError('no-such-folder', `no folder named ${name}`);
    return folder;
  }

  #visible(folder: FolderState): boolean {
    return this.seesAll || this.#ownsName(folder);
  }

  #ownsName(folder: FolderState): boolean {
    if (folder.name === INBOX || folder.specialUse || this.records.uses(folder.name)) return true;
    for (const message of folder.messages.values()) if (this.canSee(message)) return true;
    return false;
  }
}
