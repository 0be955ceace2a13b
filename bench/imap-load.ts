// The concurrent IMAP load: `clients` sessions for `durationMs`, each repeating SELECT INBOX,
// FETCH of 50 messages (FLAGS ENVELOPE), STORE +/-FLAGS (\Seen) on 10, UID SEARCH SUBJECT, one
// command at a time so each latency is a round trip. Choices come from a seeded PRNG per client,
// so both servers get the same sequence. A NO, BAD, drop or timeout counts as an error.
import { seededRandom } from './corpus.ts';
import { ImapClient } from './imap-client.ts';
import type { Memory } from './memory.ts';
import { PooledRounds } from './rounds.ts';
import { msSince, percentile } from './stats.ts';

export interface LoadResult {
  commands: number;
  commandsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p99MsByCommand: Record<string, number>;
  errors: number;
  firstErrors: string[];
  peakMemory: Memory;
}

const SEARCH_WORDS = ['invoice', 'report', 'meeting', 'shipped', 'review', 'subscription', 'build'];

function cycle(rand: () => number, exists: number): Array<[string, string]> {
  const fetchFrom = 1 + Math.floor(rand() * (exists - 50));
  const storeFrom = 1 + Math.floor(rand() * (exists - 10));
  return [
    ['SELECT', 'SELECT INBOX'],
    ['FETCH', `FETCH ${fetchFrom}:${fetchFrom + 49} (FLAGS ENVELOPE)`],
    ['STORE', `STORE ${storeFrom}:${storeFrom + 9} ${rand() < 0.5 ? '+' : '-'}FLAGS (\\Seen)`],
    ['SEARCH', `UID SEARCH SUBJECT "${SEARCH_WORDS[Math.floor(rand() * SEARCH_WORDS.length)]}"`],
  ];
}

/** The IMAP load's pooled rounds on one server, with latencies per command too. */
export class LoadSamples extends PooledRounds {
  readonly byCommand: Record<string, number[]> = {};
}

/** One round: `clients` sessions for `durationMs`, adding to `samples`. */
export function runLoad(port: number, serverPid: number, clients: number, durationMs: number, exists: number, samples: LoadSamples): Promise<void> {
  const deadline = Date.now() + durationMs;
  return samples.round(serverPid, () =>
    Promise.all(
      Array.from({ length: clients }, async (_, k) => {
        const rand = seededRandom(1000 + k);
        while (Date.now() < deadline) {
          let client: ImapClient | null = null;
          try {
            client = await ImapClient.connect(port, 30_000);
            await client.ok(`LOGIN bench${k} any-password`);
            while (Date.now() < deadline) {
              for (const [name, line] of cycle(rand, exists)) {
                const sent = process.hrtime.bigint();
                const reply = await client.command(line);
                const ms = msSince(sent);
                samples.latencies.push(ms);
                (samples.byCommand[name] ??= []).push(ms);
                if (reply.status !== 'OK') samples.fail(`${line} -> ${reply.status} ${reply.text}`);
              }
            }
            await client.logout();
          } catch (err) {
            samples.fail((err as Error).message);
            client?.destroy();
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }),
    ),
  );
}

export function summarise(samples: LoadSamples): LoadResult {
  const { latencies, byCommand } = samples;
  return {
    commands: latencies.length,
    commandsPerSec: latencies.length / samples.seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    p99MsByCommand: Object.fromEntries(Object.entries(byCommand).map(([name, ms]) => [name, percentile(ms, 99)])),
    errors: samples.errors,
    firstErrors: samples.firstErrors,
    peakMemory: samples.peakMemory,
  };
}
