// Counts kept as plain numbers where they happen, so the hot path (a command read, a message
// stored) costs an addition; prom-client reads them at each scrape. A labelled prom-client inc()
// hashes its labels every call, about 400 ns, which SMTP ingest would pay several times a message.
import { Counter, Gauge, type Registry } from 'prom-client';

export interface Slot {
  value: number;
}

interface Definition<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  registry: Registry;
}

export class Tally<L extends string> {
  readonly #slots: Array<{ labels: Record<L, string>; slot: Slot }> = [];

  constructor(kind: 'counter' | 'gauge', { name, help, labelNames, registry }: Definition<L>) {
    const slots = this.#slots;
    const base = { name, help, labelNames: [...labelNames], registers: [registry] };
    if (kind === 'counter') {
      new Counter({ ...base, collect() { this.reset(); for (const { labels, slot } of slots) this.inc(labels, slot.value); } });
    } else {
      new Gauge({ ...base, collect() { for (const { labels, slot } of slots) this.set(labels, slot.value); } });
    }
  }

  /** One series; make it once per label set and keep it. */
  slot(labels: Record<L, string>): Slot {
    const slot = { value: 0 };
    this.#slots.push({ labels, slot });
    return slot;
  }
}
