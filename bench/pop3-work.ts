// The POP3 measurements, the same against every server. One session: login + STAT (the maildrop
// of every message), RETR of messages 1..retrCount (10 KB each), RETR of the 1 MB message; each
// after one untimed warm-up, median of `repeat`. Then `sessions` concurrent sessions that each RETR
// 1..retrCount and QUIT without DELE. Every RETR's size is checked against LIST.
import { sampleMemory, type Memory } from './memory.ts';
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

async function timed<T>(repeat: number, run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value = await run();
  for (let i = 0; i < repeat; i++) {
    const started = process.hrtime.bigint();
    value = await run();
    times.push(msSince(started));
  }
  return { ms: median(times), value };
}

export async function measureSingle(port: number, retrCount: number, repeat: number): Promise<SingleResult> {
  const loginStat = await timed(repeat, async () => {
    const client = await Pop3Client.connect(port);
    await client.login('bench', 'any-password');
    await client.ok('STAT');
    await client.quit();
  });
  const client = await Pop3Client.connect(port);
  try {
    await client.login('bench', 'any-password');
    const sizes = await client.list();
    const [big] = [...sizes].reduce((a, b) => (b[1] > a[1] ? b : a));
    const small = await timed(repeat, () => retrRange(client, retrCount, sizes));
    const large = await timed(repeat * 2, () => client.retr(big));
    if (large.value !== sizes.get(big)) throw new Error(`RETR ${big}: ${large.value} octets, LIST said ${sizes.get(big)}`);
    return {
      loginStatMs: loginStat.ms,
      retrSmall: { ms: small.ms, msgsPerSec: (retrCount / small.ms) * 1000, mbPerSec: small.value / MB / (small.ms / 1000) },
      retrBig: { ms: large.ms, mbPerSec: large.value / MB / (large.ms / 1000) },
    };
  } finally {
    await client.quit();
  }
}

export async function measureConcurrent(port: number, serverPid: number, sessions: number, retrCount: number): Promise<ConcurrentResult> {
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let bytes = 0;
  const stopSampling = sampleMemory(serverPid);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: sessions }, async (_, k) => {
      let client: Pop3Client | null = null;
      try {
        client = await Pop3Client.connect(port);
        await client.login(`bench${k}`, 'any-password');
        const sizes = await client.list();
        const retrieved = await retrRange(client, retrCount, sizes, latencies);
        bytes += retrieved;
        await client.quit();
      } catch (err) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push((err as Error).message);
        client?.destroy();
      }
    }),
  );
  const seconds = msSince(started) / 1000;
  return {
    msgsPerSec: latencies.length / seconds,
    mbPerSec: bytes / MB / seconds,
    retrP99Ms: percentile(latencies, 99),
    seconds,
    retrieved: latencies.length,
    errors,
    firstErrors,
    peakMemory: stopSampling(),
  };
}
