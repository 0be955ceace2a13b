// POP3: mailsandbox against Debian's Dovecot, same corpus, same work, in one run.
//   npm run bench:pop3 -- [--retr 1000] [--sessions 10] [--messages 10000] [--repeat 3] [--profile]
// One session: login + STAT, RETR of --retr 10 KB messages, RETR of the 1 MB message. Then
// --sessions concurrent sessions, each RETR 1..--retr then QUIT without DELE: msgs/s, MB/s, memory.
// --profile writes a CPU profile of the mailsandbox process to bench/results/profiles/.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.ts';
import { guardProcess } from './guard.ts';
import { treeMemory, type Memory } from './memory.ts';
import { CONCURRENT_ROUNDS, measureConcurrent, measureSingle, type ConcurrentResult, type SingleResult } from './pop3-work.ts';
import { printTable, writeResults, type Row } from './report.ts';
import { startTargets, stopTargets, type ServerName } from './targets.ts';

const { values } = parseArgs({
  options: {
    retr: { type: 'string', default: '1000' },
    sessions: { type: 'string', default: '10' },
    messages: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20261124' },
    profile: { type: 'boolean', default: false },
  },
});
const RETR = Number(values.retr);
const SESSIONS = Number(values.sessions);
const MESSAGES = Number(values.messages);
const REPEAT = Number(values.repeat);
const SEED = Number(values.seed);
guardProcess(15 * 60_000);

interface ServerResult {
  idleMemory: Memory;
  single: SingleResult;
  concurrent: ConcurrentResult;
}

const corpus = generateCorpus(MESSAGES, SEED);
const profileDir = values.profile ? fileURLToPath(new URL('./results/profiles/', import.meta.url)) : undefined;
const targets = await startTargets(corpus, { messages: MESSAGES, seed: SEED, profileDir });
const results: Partial<Record<ServerName, ServerResult>> = {};
const notes: string[] = [];
try {
  const measured = targets.filter((target) => target.pop3Port !== null);
  for (const target of targets) {
    if (target.pop3Port === null) notes.push(`${target.name}: no POP3 server yet (server/pop3/server.ts starts nothing), not measured`);
  }
  const idle = measured.map((target) => treeMemory(target.pid));
  console.error(`pop3: one session each on ${measured.map((t) => `${t.name} (127.0.0.1:${t.pop3Port})`).join(' and ')}, runs alternating`);
  const single = await measureSingle(measured.map((target) => target.pop3Port!), RETR, REPEAT);
  console.error(`pop3: ${SESSIONS} concurrent sessions on each, ${CONCURRENT_ROUNDS} rounds alternating`);
  const loads = await measureConcurrent(measured.map((target) => ({ port: target.pop3Port!, pid: target.pid })), SESSIONS, RETR);
  for (const [i, target] of measured.entries()) {
    results[target.name] = { idleMemory: idle[i], single: single[i], concurrent: loads[i] };
    for (const e of loads[i].firstErrors) notes.push(`${target.name}: concurrent: ${e}`);
  }
} finally {
  await stopTargets(targets);
}

const pick = (f: (r: ServerResult) => number) => ({
  dovecot: results.dovecot ? f(results.dovecot) : null,
  mailsandbox: results.mailsandbox ? f(results.mailsandbox) : null,
});
const single: Row[] = [
  { measure: 'login + STAT (whole maildrop)', unit: 'ms', better: 'lower', values: pick((r) => r.single.loginStatMs) },
  { measure: `RETR 1..${RETR} (10 KB each)`, unit: 'msgs/s', better: 'higher', values: pick((r) => r.single.retrSmall.msgsPerSec) },
  { measure: `RETR 1..${RETR} (10 KB each)`, unit: 'MB/s', better: 'higher', values: pick((r) => r.single.retrSmall.mbPerSec) },
  { measure: 'RETR of the 1 MB message', unit: 'ms', better: 'lower', values: pick((r) => r.single.retrBig.ms) },
  { measure: 'RETR of the 1 MB message', unit: 'MB/s', better: 'higher', values: pick((r) => r.single.retrBig.mbPerSec) },
];
const concurrent: Row[] = [
  { measure: 'messages retrieved', unit: 'count', better: 'none', values: pick((r) => r.concurrent.retrieved) },
  { measure: 'throughput', unit: 'msgs/s', better: 'higher', values: pick((r) => r.concurrent.msgsPerSec) },
  { measure: 'throughput', unit: 'MB/s', better: 'higher', values: pick((r) => r.concurrent.mbPerSec) },
  { measure: 'RETR latency p99', unit: 'ms', better: 'lower', values: pick((r) => r.concurrent.retrP99Ms) },
  { measure: 'errors', unit: 'count', better: 'none', values: pick((r) => r.concurrent.errors) },
];
const memory: Row[] = [
  { measure: 'idle after load, RSS', unit: 'MB', better: 'lower', values: pick((r) => r.idleMemory.rssMb) },
  { measure: 'idle after load, PSS', unit: 'MB', better: 'lower', values: pick((r) => r.idleMemory.pssMb) },
  { measure: 'peak under load, RSS', unit: 'MB', better: 'lower', values: pick((r) => r.concurrent.peakMemory.rssMb) },
  { measure: 'peak under load, PSS', unit: 'MB', better: 'lower', values: pick((r) => r.concurrent.peakMemory.pssMb) },
  { measure: 'processes at peak', unit: 'count', better: 'none', values: pick((r) => r.concurrent.peakMemory.processes) },
];

printTable(`POP3, one session (${MESSAGES} messages of ~10 KB + one of 1 MB; median of ${REPEAT}; ratio > 1 = mailsandbox better)`, single);
printTable(`POP3, ${SESSIONS} concurrent sessions, each LIST + RETR 1..${RETR} + QUIT (no DELE), ${CONCURRENT_ROUNDS} rounds pooled`, concurrent);
printTable('Memory of the server processes (ratio > 1 = mailsandbox smaller)', memory);
for (const note of notes) console.log(`note: ${note}`);
const path = writeResults('pop3', { corpus: { messages: MESSAGES, seed: SEED }, retr: RETR, sessions: SESSIONS, repeat: REPEAT, results, rows: { single, concurrent, memory }, notes });
console.log(`\nJSON: ${path}`);
