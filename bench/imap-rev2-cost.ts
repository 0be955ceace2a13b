// What speaking IMAP4rev2 costs: the same commands from an IMAP4rev1 session and from one that sent
// ENABLE IMAP4rev2, on one sandbox, taking turns run by run. CPU time (process.cpuUsage, client and
// server in this one process, the client's share the same for both) rather than wall clock, so the
// figure holds on a busy machine. Prints the median CPU ms per command and the rev2/rev1 ratio.
//   npm run bench:imap-rev2 -- [--messages 2000] [--repeat 15]
import { parseArgs } from 'node:util';
import { start } from '../server/app.ts';
import { generateCorpus, SUBJECT_TERM } from './corpus.ts';
import { ImapClient } from './imap-client.ts';
import { median } from './stats.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' }, repeat: { type: 'string', default: '15' } } });
const MESSAGES = Number(values.messages);
const REPEAT = Number(values.repeat);
const NOOPS = 1000;
const COMMANDS: Array<{ measure: string; lines: string[] }> = [
  { measure: `UID SEARCH SUBJECT "${SUBJECT_TERM}"`, lines: [`UID SEARCH SUBJECT "${SUBJECT_TERM}"`] },
  { measure: 'FETCH 1:* (UID FLAGS)', lines: ['FETCH 1:* (UID FLAGS)'] },
  { measure: 'STATUS INBOX (MESSAGES UNSEEN SIZE)', lines: ['STATUS INBOX (MESSAGES UNSEEN SIZE)'] },
  { measure: `${NOOPS} NOOP pipelined`, lines: Array.from({ length: NOOPS }, () => 'NOOP') },
];

const corpus = generateCorpus(MESSAGES);
const sandbox = await start({ smtpPort: null, httpPort: null, pop3Port: null, imapPort: 0, logLevel: 'silent', sessionLog: 'off', maxMessages: 1e6, maxBytes: 4 * 1024 ** 3 });
corpus.messages.forEach((raw, i) => sandbox.store.add(raw, corpus.envelopes[i]));

const modes = ['rev1', 'rev2'] as const;
const clients = Object.fromEntries(
  await Promise.all(
    modes.map(async (mode) => {
      const client = await ImapClient.connect(sandbox.imap!.port);
      await client.ok('LOGIN bench any');
      if (mode === 'rev2') await client.ok('ENABLE IMAP4rev2');
      await client.ok('EXAMINE INBOX');
      return [mode, client] as const;
    }),
  ),
) as Record<(typeof modes)[number], ImapClient>;

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const samples: Record<string, Record<string, number[]>> = { rev1: {}, rev2: {} };
for (let run = 0; run <= REPEAT; run++) {
  for (const mode of run % 2 ? modes : [...modes].reverse()) {
    for (const { measure, lines } of COMMANDS) {
      const started = process.cpuUsage();
      const replies = await clients[mode].pipeline(lines);
      const spent = cpuMs(started);
      if (replies.some((reply) => reply.status !== 'OK')) throw new Error(`${mode} ${measure}: ${replies.find((r) => r.status !== 'OK')!.text}`);
      if (run > 0) (samples[mode][measure] ??= []).push(spent);
    }
  }
}
for (const client of Object.values(clients)) await client.logout();
await sandbox.close();

console.log(`IMAP4rev1 vs IMAP4rev2 session, ${MESSAGES} messages, median CPU ms per command over ${REPEAT} runs`);
for (const { measure } of COMMANDS) {
  const [rev1, rev2] = modes.map((mode) => median(samples[mode][measure]));
  console.log(`${measure.padEnd(40)} rev1 ${rev1.toFixed(2).padStart(8)}  rev2 ${rev2.toFixed(2).padStart(8)}  rev2/rev1 ${(rev2 / rev1).toFixed(2)}`);
}
