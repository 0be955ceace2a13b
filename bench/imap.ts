// IMAP: mailsandbox against Debian's Dovecot, same corpus, same work, in one run.
//   npm run bench:imap -- [--duration 60] [--clients 10] [--messages 10000] [--repeat 5] [--profile]
// Single session: FETCH 1:* (FLAGS ENVELOPE), the 1 MB body, SEARCH SUBJECT/BODY over all, STORE
// on 1000 messages, SORT RETURN / SEARCH RETURN (SAVE) + FETCH $ / FETCH PREVIEW over all (median of
// --repeat runs, the servers taking turns run by run). Then --clients
// concurrent sessions for --duration seconds, in four rounds that alternate between the servers:
// commands/s, p50/p99 over the pooled rounds, errors, peak memory. --profile writes a CPU profile of the
// mailsandbox process to bench/results/profiles/. Servers run in their own processes.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.ts';
import { guardProcess } from './guard.ts';
import { LoadSamples, runLoad, summarise, type LoadResult } from './imap-load.ts';
import { measureSingle, type SingleResult } from './imap-single.ts';
import { treeMemory, type Memory } from './memory.ts';
import { printTable, writeResults, type Row } from './report.ts';
import { startTargets, stopTargets, type ServerName } from './targets.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    clients: { type: 'string', default: '10' },
    messages: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261124' },
    profile: { type: 'boolean', default: false },
  },
});
const DURATION_MS = Number(values.duration) * 1000;
const CLIENTS = Number(values.clients);
const MESSAGES = Number(values.messages);
const REPEAT = Number(values.repeat);
const SEED = Number(values.seed);
/** Turns each server takes at the concurrent load, --duration split between them. */
const LOAD_ROUNDS = 4;
guardProcess(2 * DURATION_MS + 15 * 60_000);

interface ServerResult {
  idleMemory: Memory;
  single: SingleResult[];
  load: LoadResult;
}

const corpus = generateCorpus(MESSAGES, SEED);
const expectations = { subjectHits: corpus.expected.subject, bodyHits: corpus.expected.body, bigSize: corpus.messages.at(-1)!.length };
const profileDir = values.profile ? fileURLToPath(new URL('./results/profiles/', import.meta.url)) : undefined;
const targets = await startTargets(corpus, { messages: MESSAGES, seed: SEED, profileDir });
const results: Partial<Record<ServerName, ServerResult>> = {};
const notes: string[] = [];
try {
  const measured = targets.filter((target) => target.imapPort !== null);
  for (const target of targets) {
    if (target.imapPort === null) notes.push(`${target.name}: no IMAP server yet (server/imap/server.ts starts nothing), not measured`);
  }
  const idle = measured.map((target) => treeMemory(target.pid));
  console.error(`imap: one session each on ${measured.map((t) => `${t.name} (127.0.0.1:${t.imapPort})`).join(' and ')}, runs alternating`);
  const single = await measureSingle(measured.map((target) => target.imapPort!), expectations, REPEAT);
  // The load runs in rounds, the servers taking turns, and each server's latencies are pooled: a
  // noisy stretch on the machine then falls on both rather than on whichever ran through it.
  const samples = measured.map(() => new LoadSamples());
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    for (const [i, target] of measured.entries()) {
      console.error(`imap: ${CLIENTS} sessions on ${target.name} for ${DURATION_MS / LOAD_ROUNDS / 1000} s (round ${round + 1} of ${LOAD_ROUNDS})`);
      await runLoad(target.imapPort!, target.pid, CLIENTS, DURATION_MS / LOAD_ROUNDS, corpus.messages.length, samples[i]);
    }
  }
  for (const [i, target] of measured.entries()) {
    const load = summarise(samples[i]);
    results[target.name] = { idleMemory: idle[i], single: single[i], load };
    for (const s of single[i]) if (s.mismatch) notes.push(`${target.name}: ${s.measure}: ${s.mismatch}`);
    for (const e of load.firstErrors) notes.push(`${target.name}: under load: ${e}`);
  }
} finally {
  await stopTargets(targets);
}

const pick = (f: (r: ServerResult) => number) => ({
  dovecot: results.dovecot ? f(results.dovecot) : null,
  mailsandbox: results.mailsandbox ? f(results.mailsandbox) : null,
});
const measures = (results.dovecot ?? results.mailsandbox)?.single.map((s) => s.measure) ?? [];
const single: Row[] = measures.map((measure, i) => ({ measure, unit: 'ms', better: 'lower', values: pick((r) => r.single[i].medianMs) }));
const load: Row[] = [
  { measure: 'commands', unit: 'count', better: 'none', values: pick((r) => r.load.commands) },
  { measure: 'throughput', unit: 'cmd/s', better: 'higher', values: pick((r) => r.load.commandsPerSec) },
  { measure: 'latency p50', unit: 'ms', better: 'lower', values: pick((r) => r.load.p50Ms) },
  { measure: 'latency p99', unit: 'ms', better: 'lower', values: pick((r) => r.load.p99Ms) },
  ...['SELECT', 'FETCH', 'STORE', 'SEARCH'].map((name): Row => ({ measure: `  p99 ${name}`, unit: 'ms', better: 'lower', values: pick((r) => r.load.p99MsByCommand[name]) })),
  { measure: 'errors', unit: 'count', better: 'none', values: pick((r) => r.load.errors) },
];
const memory: Row[] = [
  { measure: 'idle after load, RSS', unit: 'MB', better: 'lower', values: pick((r) => r.idleMemory.rssMb) },
  { measure: 'idle after load, PSS', unit: 'MB', better: 'lower', values: pick((r) => r.idleMemory.pssMb) },
  { measure: 'peak under load, RSS', unit: 'MB', better: 'lower', values: pick((r) => r.load.peakMemory.rssMb) },
  { measure: 'peak under load, PSS', unit: 'MB', better: 'lower', values: pick((r) => r.load.peakMemory.pssMb) },
  { measure: 'processes at peak', unit: 'count', better: 'none', values: pick((r) => r.load.peakMemory.processes) },
];

const size = `${MESSAGES} messages of ~10 KB + one of ${(expectations.bigSize / 1024 ** 2).toFixed(1)} MB`;
printTable(`IMAP, one session (${size}; median of ${REPEAT} runs, 300 for the 1 MB FETCH; ratio > 1 = mailsandbox faster)`, single);
printTable(`IMAP, ${CLIENTS} concurrent sessions for ${DURATION_MS / 1000} s (select/fetch/store/search)`, load);
printTable('Memory of the server processes (ratio > 1 = mailsandbox smaller)', memory);
for (const note of notes) console.log(`note: ${note}`);
const path = writeResults('imap', { corpus: { messages: MESSAGES, seed: SEED, ...corpus.expected }, clients: CLIENTS, durationMs: DURATION_MS, repeat: REPEAT, results, rows: { single, load, memory }, notes });
console.log(`\nJSON: ${path}`);
