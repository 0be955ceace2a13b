// The one writer of `* n FETCH (...)` lines: FETCH, STORE, the unsolicited flag updates and QRESYNC's
// resynchronisation all write through it, so whatever a FETCH line needs said first (a keyword the
// client has not been told of) is said in one place.
import type { StoredMessage } from '../store/message.ts';
import type { Output } from './encoder.ts';
import { fetchItems } from './fetch.ts';
import type { Selected } from './context.ts';
import type { FetchAttribute } from './syntax.ts';

export class FetchLines {
  readonly #out: Output;

  constructor(out: Output) {
    this.#out = out;
  }

  /** `* seq FETCH (items)` for one message of the selected mailbox. */
  write(selected: Selected, seq: number, message: StoredMessage, attributes: FetchAttribute[]): void {
    this.#out.text(`* ${seq} FETCH `).value(fetchItems(message, attributes, selected.recent.has(message.id))).text('\r\n');
  }
}
