// What every session that logs in to the same unchanged folder shares. A folder's message list is
// one array until the folder changes (store/folder-messages.ts), so the transfer size of each
// message, their total, and the LIST and UIDL rows of the whole maildrop are worked out once per
// change, not once per login: ten clients logging in to 10k messages would otherwise walk every
// message ten times over while the other sessions wait for the event loop.
import type { StoredMessage } from '../store/index.ts';
import { transferSize } from './transfer.ts';

export type RowKind = 'size' | 'id';

export class DropSnapshot {
  readonly messages: readonly StoredMessage[];
  /** Octets as RETR sends them, before dot-stuffing, by index. */
  readonly sizes: Float64Array;
  readonly octets: number;
  readonly #rows: Partial<Record<RowKind, Buffer>> = {};

  private constructor(messages: readonly StoredMessage[]) {
    this.messages = messages;
    this.sizes = new Float64Array(messages.length);
    let octets = 0;
    for (let i = 0; i < messages.length; i++) octets += this.sizes[i] = transferSize(messages[i].content.raw);
    this.octets = octets;
  }

  static of(messages: readonly StoredMessage[]): DropSnapshot {
    let snapshot = snapshots.get(messages);
    if (!snapshot) snapshots.set(messages, (snapshot = new DropSnapshot(messages)));
    return snapshot;
  }

  /** `n value\r\n` for every message whose `deleted` byte is 0; shared when none is marked. */
  rows(kind: RowKind, deleted: Uint8Array, anyDeleted: boolean): Buffer {
    if (!anyDeleted) return (this.#rows[kind] ??= this.#build(kind, deleted));
    return this.#build(kind, deleted);
  }

  #build(kind: RowKind, deleted: Uint8Array): Buffer {
    const { messages, sizes } = this;
    let text = '';
    for (let i = 0; i < messages.length; i++) {
      if (!deleted[i]) text += `${i + 1} ${kind === 'size' ? sizes[i] : messages[i].id}\r\n`;
    }
    return Buffer.from(text, 'latin1');
  }
}

/** Keyed by the folder's shared list: a snapshot goes when its list and every maildrop of it have. */
const snapshots = new WeakMap<readonly StoredMessage[], DropSnapshot>();
