// A folder's messages by id, in id order (the order they were added), with the list every new view
// of the folder starts from and the count of those without \Seen. Clients SELECT often, and copying
// a 10k-message folder for each SELECT made most of the garbage under IMAP load: the list is built
// once per change to the folder instead. The unread count is kept as messages come, go and change
// \Seen, so a page of the list costs the page, not the folder.
import { SEEN } from './flags.ts';
import type { StoredMessage } from './message.ts';

export class FolderMessages<M extends StoredMessage = StoredMessage> extends Map<number, M> {
  #ordered: readonly M[] | null = null;
  #unread = 0;

  override set(id: number, message: M): this {
    this.#ordered = null;
    const previous = super.get(id);
    if (previous && !previous.flags.has(SEEN)) this.#unread--;
    if (!message.flags.has(SEEN)) this.#unread++;
    return super.set(id, message);
  }

  override delete(id: number): boolean {
    const message = super.get(id);
    if (!message) return false;
    if (!message.flags.has(SEEN)) this.#unread--;
    this.#ordered = null;
    return super.delete(id);
  }

  override clear(): void {
    this.#ordered = null;
    this.#unread = 0;
    super.clear();
  }

  /** Messages without \Seen. */
  get unread(): number {
    return this.#unread;
  }

  /** A message held here gained or lost \Seen in place (its flags were replaced). */
  seenChanged(nowSeen: boolean): void {
    this.#unread += nowSeen ? -1 : 1;
  }

  /** Every message, lowest id first; shared between callers, so never changed in place. */
  ordered(): readonly M[] {
    return (this.#ordered ??= [...this.values()]);
  }
}
