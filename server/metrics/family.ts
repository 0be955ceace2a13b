// A metric family as plain data: a name, help, labels and the samples it has now. Counting never
// touches prom-client (an addition on the hot path, no import at start-up); prom-client renders
// the families when /metrics is first scraped.
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  kind: 'counter' | 'gauge';
  name: string;
  help: string;
  labelNames: readonly string[];
  samples(): Iterable<Sample>;
}

export interface Slot {
  value: number;
}

/** Counts kept as plain numbers, one slot per label set. */
export class Tally<L extends string> implements Family {
  readonly #slots: Array<{ labels: Record<L, string>; value: number }> = [];

  constructor(
    readonly kind: 'counter' | 'gauge',
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[] = [],
  ) {}

  /** One series; make it once per label set and keep it. */
  slot(labels: Record<L, string>): Slot {
    const slot = { labels, value: 0 };
    this.#slots.push(slot);
    return slot;
  }

  samples(): Iterable<Sample> {
    return this.#slots;
  }
}

/** A gauge read when scraped (the store's size, the WebSocket clients). */
export function sampled(name: string, help: string, read: () => number): Family {
  return { kind: 'gauge', name, help, labelNames: [], samples: () => [{ labels: {}, value: read() }] };
}
