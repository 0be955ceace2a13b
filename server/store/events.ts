// A small synchronous typed emitter: listeners run inside the store call that caused the event,
// so every view sees a change before the call returns.
export type Listener<E> = (event: E) => void;

/** Why messages left the store, as a deletion event says: removed, or moved (copied, then removed). */
export type DeleteReason = 'deleted' | 'moved';

export class Emitter<E> {
  readonly #listeners = new Set<Listener<E>>();

  subscribe(listener: Listener<E>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (err) {
        // A failing view must not break the store or the other views.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
