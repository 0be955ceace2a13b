// The Prometheus text exposition of a sandbox's families plus the process metrics, by prom-client.
// prom-client (and its default metrics' observers) load at the first scrape, not at start-up.
import type { Registry } from 'prom-client';
import type { Family } from './family.ts';

type PromClient = typeof import('prom-client');

let processMetrics: Registry | null = null;

/** Memory, CPU, event-loop lag and GC belong to the process: one registry however many sandboxes run in it. */
function processRegistry(prom: PromClient): Registry {
  if (!processMetrics) {
    processMetrics = new prom.Registry();
    prom.collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

function registryOf(prom: PromClient, families: readonly Family[]): Registry {
  const registry = new prom.Registry();
  for (const family of families) {
    const definition = { name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [registry] };
    if (family.kind === 'counter') {
      new prom.Counter({ ...definition, collect() { this.reset(); for (const { labels, value } of family.samples()) this.inc(labels, value); } });
    } else {
      new prom.Gauge({ ...definition, collect() { this.reset(); for (const { labels, value } of family.samples()) this.set(labels, value); } });
    }
  }
  return registry;
}

export class Exposition {
  readonly #families: readonly Family[];
  #registry: Promise<{ prom: PromClient; registry: Registry }> | null = null;

  constructor(families: readonly Family[]) {
    this.#families = families;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    this.#registry ??= import('prom-client').then((prom) => ({ prom, registry: registryOf(prom, this.#families) }));
    const { prom, registry } = await this.#registry;
    const merged = prom.Registry.merge([registry, processRegistry(prom)]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}
