// Process metrics (memory, CPU, event-loop lag, GC) are the process's, not one sandbox's: collected
// once per process into a registry every sandbox's exposition merges in, so embedding many
// sandboxes in one test process starts one set of observers.
import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | null = null;

export function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
