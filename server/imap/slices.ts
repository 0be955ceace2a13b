// Long commands (a SEARCH over a big mailbox) from every session share the event loop in turns:
// one slice per turn of the loop, sessions in rotation. Whatever the sockets bring in between, such
// as a FETCH of a few messages, then waits behind at most one slice, however many long commands run.

/** How long one slice may hold the event loop before other sessions get a turn. */
export const SLICE_MS = 0.25;

/** Does a bounded piece of work; returns true while there is more to do. */
export type Slice = () => boolean;

export class SliceQueue {
  readonly #queue: Slice[] = [];
  #scheduled = false;

  add(slice: Slice): void {
    this.#queue.push(slice);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.#turn);
  }

  readonly #turn = (): void => {
    this.#scheduled = false;
    const slice = this.#queue.shift();
    if (slice?.()) this.#queue.push(slice);
    if (this.#queue.length) this.#schedule();
  };
}
