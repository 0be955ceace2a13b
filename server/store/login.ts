// LoginStore: the store as one login sees it, and the only store a protocol command gets. An address
// login behaves as its own account: it sees, changes and deletes only the mail it owns, and its
// folder list holds the special folders plus those that hold its mail or that it created or
// subscribed. Folder names are shared, so what it deletes or renames is its own mail under that name;
// the mail of other owners stays where it is. The catch-all login (no `@`) sees and changes everything.
// Flags live on the message: two owners of one message share its flag state.
import type { SmtpEnvelope } from './envelope.ts';
import type { DeleteReason } from './events.ts';
import { StoreError } from './errors.ts';
import { DELIMITER, INBOX, folderNameProblem, normalizeFolderName } from './folders.ts';
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
  readonly created = new Set<string>();
  /** SUBSCRIBE and UNSUBSCRIBE; without an entry, INBOX and the special folders count as subscribed, others not. */
  readonly subscriptions = new Map<string, boolean>();

  uses(name: string): boolean {
    return this.created.has(name) || this.subscriptions.get(name) === true;
  }

  forget(name: string): void {
    this.created.delete(name);
    this.subscriptions.delete(name);
  }

  rename(from: string, to: string): void {
    if (this.created.delete(from)) this.created.add(to);
    const subscribed = this.subscriptions.get(from);
    if (subscribed === undefined) return;
    this.subscriptions.delete(from);
    this.subscriptions.set(to, subscribed);
  }
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

  /** Highest id the store ever gave out (for QRESYNC's VANISHED). */
  get lastAssignedId(): number {
    return this.#store.nextId - 1;
  }

  /** The folder's UIDNEXT (RFC 3501 2.3.1.1): it moves only when mail lands in that folder. */
  uidNext(folder: Folder): number {
    const state = this.#store.getFolder(folder.name);
    return state ? this.#store.uidNext(state, this.login) : this.#store.nextId;
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
    const shown = this.seesAll ? all : this.#visibleOf(all).map((f) => this.#asSeen(f));
    return [...shown.filter((f) => f.name === INBOX), ...shown.filter((f) => f.name !== INBOX)];
  }

  isSubscribed(folder: Folder): boolean {
    return this.records.subscriptions.get(folder.name) ?? (folder.name === INBOX || folder.specialUse !== null);
  }

  /** The folder's messages this login sees, lowest UID first. Shared: never change the list. */
  folderMessages(folder: Folder): readonly StoredMessage[] {
    return this.#store.folderMessages(folder.name, this.login);
  }

  /** A session's numbering of a folder's messages for this login. */
  openView(folder: Folder): MailboxView {
    return new MailboxView(this.#store, folder.name, this.login);
  }

  createFolder(name: string): Folder {
    const normalized = normalizeFolderName(name);
    const existing = this.#store.getFolder(normalized);
    if (existing && !this.seesAll && !this.#visible(existing)) {
      // Another login's folder of that name: it becomes this login's too, empty for it.
      this.#claim(existing.name);
      return this.#asSeen(existing);
    }
    const created = this.#store.createFolder(normalized);
    this.#claim(created.name);
    return this.#asSeen(created);
  }

  /** Deletes the folder (RFC 3501 6.3.4): for an address login, its own mail in it and its claim on the name. */
  deleteFolder(name: string): void {
    const folder = this.#require(name);
    if (this.seesAll) return this.#store.deleteFolder(folder.name);
    if (folder.name === INBOX) throw new StoreError('folder-protected', 'INBOX cannot be deleted');
    const address = this.#address();
    this.#store.release(
      this.folderMessages(folder).map((m) => m.id),
      address,
    );
    this.records.forget(folder.name);
    this.#store.dropUnused(folder.name);
  }

  /**
   * RENAME (RFC 3501 6.3.5), children included. For an address login only its own mail moves, to
   * the new name; other owners' mail stays under the old one. Renaming INBOX moves its INBOX mail
   * and leaves INBOX in place, empty.
   */
  renameFolder(from: string, to: string): void {
    const source = this.#require(from);
    const target = normalizeFolderName(to);
    const problem = folderNameProblem(target);
    if (problem) throw new StoreError('bad-folder-name', `invalid folder name (${problem})`);
    const existing = this.#store.getFolder(target);
    if (existing && (this.seesAll || this.#visible(existing))) throw new StoreError('folder-exists', `folder ${target} already exists`);
    if (this.seesAll) return this.#store.renameFolder(source.name, target);
    const address = this.#address();
    const family =
      source.name === INBOX
        ? [source]
        : this.folders().filter((f) => f.name === source.name || f.name.startsWith(source.name + DELIMITER));
    for (const folder of family) {
      const newName = target + folder.name.slice(source.name.length);
      const destination = this.#folderFor(newName);
      const subscribed = this.records.subscriptions.get(folder.name);
      if (subscribed !== undefined) this.records.subscriptions.set(destination.name, subscribed);
      this.#moveOwn(this.folderMessages(folder), destination.name, address);
      if (folder.name === INBOX) continue;
      this.records.forget(folder.name);
      this.#store.dropUnused(folder.name);
    }
  }

  setSubscribed(name: string, subscribed: boolean): void {
    const folder = this.#require(name);
    this.records.subscriptions.set(folder.name, subscribed);
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
    const existing = this.#store.getFolder(name);
    if (existing && this.#visible(existing)) return this.#asSeen(existing);
    return this.createFolder(name);
  }

  /** A created folder is not subscribed until a client subscribes it, as in Dovecot. */
  /** The folder as this login sees it: for an address login, with only the keywords of its own mail. */
  #asSeen(folder: FolderState): Folder {
    if (this.login.address === null) return folder;
    const keywords = this.#store.keywordsOf(folder, this.login.address);
    return {
      name: folder.name,
      specialUse: folder.specialUse,
      uidValidity: folder.uidValidity,
      get highestModseq() {
        return folder.highestModseq;
      },
      keywords,
    };
  }

  #claim(name: string): void {
    this.records.created.add(name);
  }

  #require(name: string): FolderState {
    const folder = this.#store.getFolder(name);
    if (!folder || !this.#visible(folder)) throw new StoreError('no-such-folder', `no folder named ${name}`);
    return folder;
  }

  #visible(folder: FolderState): boolean {
    return this.seesAll || this.#ownsName(folder) || this.#hasDescendantOwned(folder.name);
  }

  #ownsName(folder: FolderState): boolean {
    if (folder.name === INBOX || folder.specialUse || this.records.uses(folder.name)) return true;
    for (const message of folder.messages.values()) if (this.canSee(message)) return true;
    return false;
  }

  /** A parent of a folder it sees is listed too, so the hierarchy holds together. */
  #hasDescendantOwned(name: string): boolean {
    const prefix = name + DELIMITER;
    return this.#store.folders().some((f) => f.name.startsWith(prefix) && this.#ownsName(f));
  }

  #visibleOf(all: FolderState[]): FolderState[] {
    const own = new Set(all.filter((f) => this.#ownsName(f)).map((f) => f.name));
    for (const name of [...own]) {
      const parts = name.split(DELIMITER);
      for (let i = 1; i < parts.length; i++) own.add(parts.slice(0, i).join(DELIMITER));
    }
    return all.filter((f) => own.has(f.name));
  }
}
