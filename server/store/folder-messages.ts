// A folder's messages by id, in id order (the order they were added), with the list every new view
// of the folder starts from. Clients SELECT often, and copying a 10k-message folder for each SELECT
// made most of the garbage under IMAP load: the list is built once per change to the folder instead.
import type { StoredMessage } from './message.ts';

export class FolderMessages<M extends StoredMessage = StoredMessage> extends Map<number, M> {
  #ordered: readonly M[] | null = null;

  override set(id: number, message: M): this {
    this.#ordered = null;
    return super.set(id, message);
  }

  override delete(id: number): boolean {
    const deleted = super.delete(id);
    if (deleted) this.#ordered = null;
    return deleted;
  }

  override clear(): void {
    this.#ordered = null;
    super.clear();
  }

  /** Every message, lowest id first; shared between callers, so never changed in place. */
  ordered(): readonly M[] {
    return (this.#ordered ??= [...this.values()]);
  }
}
