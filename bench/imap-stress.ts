// IMAP stress: mailsandbox against Debian's Dovecot, the same seeded stress on each in turn.
//   npm run bench:imap-stress -- [--duration 30] [--sessions 10] [--seed 1]
// 10 sessions on 50 messages (49 of ~10 KB and one of ~1 MB, bench/corpus.ts), each doing random
// SELECT, FETCH (FLAGS, BODY[], BODYSTRUCTURE), STORE with mixed-case system flags and five keywords,
// EXPUNGE, APPEND and LOGOUT; every reply checked by bench/stress-check.ts. Prints commands/s, the
// first protocol fault (none expected on either), and how many STORE replies contradicted their
// STORE: Dovecot's processes let another session's change land in between; mailsandbox must have none.
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.ts';
import { guardProcess } from './guard.ts';
import { printTable, writeResults, type Row } from './report.ts';
import { runStress, type StressResult } from './stress-sessions.ts';
import { startTargets, stopTargets, type ServerName } from './targets.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    sessions: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const DURATION_MS = Number(values.duration) * 1000;
const SESSIONS = Number(values.sessions);
const SEED = Number(values.seed);
const MESSAGES = 49;
guardProcess(2 * DURATION_MS + 5 * 60_000);

const corpus = generateCorpus(MESSAGES, SEED);
const targets = await startTargets(corpus, { messages: MESSAGES, seed: SEED });
const results: Partial<Record<ServerName, StressResult>> = {};
try {
  for (const target of targets) {
    if (target.imapPort === null) continue;
    console.error(`imap-stress: ${SESSIONS} sessions on ${target.name} (127.0.0.1:${target.imapPort}) for ${DURATION_MS / 1000} s`);
    results[target.name] = await runStress({ port: target.imapPort, sessions: SESSIONS, durationMs: DURATION_MS, seed: SEED, strictStore: false });
  }
} finally {
  await stopTargets(targets);
}

const pick = (f: (r: StressResult) => number) => ({
  dovecot: results.dovecot ? f(results.dovecot) : null,
  mailsandbox: results.mailsandbox ? f(results.mailsandbox) : null,
});
const rows: Row[] = [
  { measure: 'commands', unit: 'count', better: 'none', values: pick((r) => r.commands) },
  { measure: 'throughput', unit: 'cmd/s', better: 'higher', values: pick((r) => r.commandsPerSec) },
  { measure: 'protocol faults', unit: 'count', better: 'none', values: pick((r) => (r.violation ? 1 : 0)) },
  { measure: 'STORE replies against STORE', unit: 'count', better: 'none', values: pick((r) => r.storeDisagreements) },
];
printTable(`IMAP stress, ${SESSIONS} sessions for ${DURATION_MS / 1000} s on ${MESSAGES + 1} messages (ratio > 1 = mailsandbox faster)`, rows);
for (const [name, result] of Object.entries(results)) {
  if (result.violation) console.log(`note: ${name}: first protocol fault: ${result.violation}`);
  if (result.firstStoreDisagreement) console.log(`note: ${name}: first STORE disagreement: ${result.firstStoreDisagreement}`);
  console.log(`note: ${name}: NO replies by command: ${JSON.stringify(result.refusals)}`);
}
const path = writeResults('imap-stress', { sessions: SESSIONS, durationMs: DURATION_MS, seed: SEED, results });
console.log(`\nJSON: ${path}`);
if (Object.values(results).some((r) => r.violation)) process.exitCode = 1;
