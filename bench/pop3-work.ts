// The POP3 measurements, the same against every server. One session: login + STAT (the maildrop
// of every message), RETR of messages 1..retrCount (10 KB each), RETR of the 1 MB message; each
// after one untimed warm-up, median of `repeat`, the servers taking turns run by run. Then
// `sessions` concurrent sessions that each RETR 1..retrCount and QUIT without DELE, in rounds that
// alternate between the servers. Every RETR's size is checked against LIST.
import type { Memory } from './memory.ts';
import { PooledRounds } from './rounds.ts';
import { Pop3Client } from './pop3-client.ts';
import { median, msSince, percentile } from './stats.ts';

export interface SingleResult {
  loginStatMs: number;
  retrSmall: { msgsPerSec: number; mbPerSec: number; ms: number };
  retrBig: { ms: number; mbPerSec: number };
}

export interface ConcurrentResult {
  msgsPerSec: number;
  mbPerSec: number;
  retrP99Ms: number;
  seconds: number;
  retrieved: number;
  errors: number;
  firstErrors: string[];
  peakMemory: Memory;
}

const MB = 1024 ** 2;

async function retrRange(client: Pop3Client, count: number, sizes: Map<number, number>, latencies?: number[]): Promise<number> {
  let bytes = 0;
  for (let n = 1; n <= count; n++) {
    const sent = process.hrtime.bigint();
    const size = await client.retr(n);
    latencies?.push(msSince(sent));
    if (size !== sizes.get(n)) throw new Error(`RETR ${n}: ${size} octets, LIST said ${sizes.get(n)}`);
    bytes += size;
  }
  return bytes;
}

/**
 * One untimed warm-up, then `repeat` timed runs, the servers taking turns run by run (a noisy moment
 * on the machine then hits both): the median per server, and the value of its last run.
 */
async function timedInTurns<T>(runs: Array<() => Promise<T>>, repeat: number): Promise<Array<{ ms: number; value: T }>> {
  const times: number[][] = runs.map(() => []);
  const values: T[] = [];
  for (let round = 0; round <= repeat; round++) {
    for (const [i, run] of runs.entries()) {
      const started = process.hrtime.bigint();
      values[i] = await run();
      if (round > 0) times[i].push(msSince(started));
    }
  }
  return runs.map((_, i) => ({ ms: median(times[i]), value: values[i] }));
}

/** The single-session measures on every server, runs alternating between them. */
export async function measureSingle(ports: number[], retrCount: number, repeat: number): Promise<SingleResult[]> {
  const loginStat = await timedInTurns(
    ports.map((port) => async () => {
      const client = await Pop3Client.connect(port);
      await client.login('bench', 'any-password');
      await client.ok('STAT');
      await client.quit();
    }),
    repeat,
  );
  const sessions = await Promise.all(
    ports.map(async (port) => {
      const client = await Pop3Client.connect(port);
      await client.login('bench', 'any-password');
      const sizes = await client.list();
      const [big] = [...sizes].reduce((a, b) => (b[1] > a[1] ? b : a));
      return { client, sizes, big };
    }),
  );
  try {
    const small = await timedInTurns(
      sessions.map(({ client, sizes }) => () => retrRange(client, retrCount, sizes)),
      repeat,
    );
    const large = await timedInTurns(
      sessions.map(({ client, big }) => () => client.retr(big)),
      repeat * 2,
    );
    return sessions.map(({ sizes, big }, i) => {
      if (large[i].value !== sizes.get(big)) throw new Error(`RETR ${big}: ${large[i].value} octets, LIST said ${sizes.get(big)}`);
      return {
        loginStatMs: loginStat[i].ms,
        retrSmall: { ms: small[i].ms, msgsPerSec: (retrCount / small[i].ms) * 1000, mbPerSec: small[i].value / MB / (small[i].ms / 1000) },
        retrBig: { ms: large[i].ms, mbPerSec: large[i].value / MB / (large[i].ms / 1000) },
      };
    });
  } finally {
    await Promise.all(sessions.map(({ client }) => client.quit()));
  }
}

/** Rounds of the concurrent phase, the servers taking turns; each server's figures pool its rounds. */
export const CONCURRENT_ROUNDS = 3;

/** `sessions` sessions at once on each server, each LIST, RETR 1..retrCount and QUIT, in rounds that alternate between the servers. */
export async function measureConcurrent(servers: Array<{ port: number; pid: number }>, sessions: number, retrCount: number): Promise<ConcurrentResult[]> {
  const pooled = servers.map(() => ({ rounds: new PooledRounds(), bytes: 0 }));
  for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
    for (const [i, { port, pid }] of servers.entries()) {
      const total = pooled[i];
      await total.rounds.round(pid, () =>
        Promise.all(
          Array.from({ length: sessions }, async (_, k) => {
            let client: Pop3Client | null = null;
            try {
              client = await Pop3Client.connect(port);
              await client.login(`bench${k}`, 'any-password');
              const sizes = await client.list();
              const retrieved = await retrRange(client, retrCount, sizes, total.rounds.latencies);
              total.bytes += retrieved;
              await client.quit();
            } catch (err) {
              total.rounds.fail((err as Error).message);
              client?.destroy();
            }
          }),
        ),
      );
    }
  }
  return pooled.map(({ rounds, bytes }) => ({
    msgsPerSec: rounds.latencies.length / rounds.seconds,
    mbPerSec: bytes / MB / rounds.seconds,
    retrP99Ms: percentile(rounds.latencies, 99),
    seconds: rounds.seconds,
    retrieved: rounds.latencies.length,
    errors: rounds.errors,
    firstErrors: rounds.firstErrors,
    peakMemory: rounds.peakMemory,
  }));
}
