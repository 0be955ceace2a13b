// The 10^6-line version of the protocol fuzz test: seeded random and mutated lines into live SMTP,
// IMAP and POP3 sessions of one sandbox in this process, loopback only, with a hard time limit.
//   npm run bench:fuzz -- [--lines 1000000] [--seed 20261201] [--parallel 4]
// Prints per protocol: lines sent, sessions, replies, refusals, internal errors (must be 0), time.
import { parseArgs } from 'node:util';
import { start } from '../server/app.ts';
import { createLogger } from '../server/log.ts';
import { FUZZ_LOGIN, fuzzSessions, type FuzzProtocol, type FuzzTally } from '../test/helpers/protocol-fuzz.ts';
import { guardProcess } from './guard.ts';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '20261201' }, parallel: { type: 'string', default: '4' } } });
const LINES = Number(values.lines);
const SEED = Number(values.seed);
/** SMTP sessions are short (smtp-server hangs up after 10 unrecognized commands), so SMTP gets a smaller share. */
const SHARE: Record<FuzzProtocol, number> = { smtp: 0.2, imap: 0.55, pop3: 0.25 };

guardProcess(30 * 60_000);
const errors: string[] = [];
const sandbox = await start({
  smtpPort: 0,
  imapPort: 0,
  pop3Port: 0,
  httpPort: null,
  maxMessageSize: 10_000,
  maxMessages: 500,
  mailAuth: 'required',
  users: [FUZZ_LOGIN],
  logger: createLogger('json', 'error', (line) => errors.push(line)),
});
const results: Array<[FuzzProtocol, FuzzTally, number]> = [];
await Promise.all(
  (['smtp', 'imap', 'pop3'] as const).map(async (protocol, i) => {
    const started = performance.now();
    const tally = await fuzzSessions(protocol, sandbox[protocol]!.port, Math.round(LINES * SHARE[protocol]), SEED + i, Number(values.parallel));
    results.push([protocol, tally, (performance.now() - started) / 1000]);
  }),
);
await sandbox.close();

console.log('| protocol | lines | sessions | replies | refusals | internal errors | seconds |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [protocol, t, seconds] of results) console.log(`| ${protocol} | ${t.lines} | ${t.sessions} | ${t.replies} | ${t.refusals} | ${t.internalErrors} | ${seconds.toFixed(1)} |`);
console.log(`errors logged: ${errors.length}`);
const failed = errors.length > 0 || results.some(([, t]) => t.internalErrors > 0);
process.exit(failed ? 1 : 0);
