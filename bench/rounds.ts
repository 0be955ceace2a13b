// What rounds of a concurrent load on one server gather, pooled across rounds: each round adds its
// latencies, errors, time and peak memory, so a server's figures read as if from one long run.
import { sampleMemory, type Memory } from './memory.ts';
import { msSince } from './stats.ts';

export class PooledRounds {
  readonly latencies: number[] = [];
  readonly firstErrors: string[] = [];
  errors = 0;
  seconds = 0;
  #peak: Memory | null = null;

  fail(what: string): void {
    this.errors++;
    if (this.firstErrors.length < 5) this.firstErrors.push(what);
  }

  /** Runs one round against the server whose process tree is `pid`, timing it and sampling its memory. */
  async round(pid: number, work: () => Promise<unknown>): Promise<void> {
    const stopSampling = sampleMemory(pid);
    const started = process.hrtime.bigint();
    try {
      await work();
    } finally {
      this.seconds += msSince(started) / 1000;
      const peak = stopSampling();
      if (!this.#peak || peak.pssMb > this.#peak.pssMb) this.#peak = peak;
    }
  }

  get peakMemory(): Memory {
    return this.#peak ?? { rssMb: 0, pssMb: 0, processes: 0 };
  }
}
