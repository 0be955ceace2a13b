// What recording sessions costs IMAP's hot path: the same FETCHes against mailsandbox with
// --session-log off and full, the two taking turns run by run, in one process each time so the
// client's work weighs the same on both. Prints the median ms per command and the ratio.
//   npm run bench:imap-sessions -- [--messages 2000] [--repeat 15]
import { parseArgs } from 'node:util';
import { start, type Sandbox } from '../server/app.ts';
import { generateCorpus } from './corpus.ts';
import { ImapClient } from './imap-client.ts';
import { median, msSince } from './stats.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' }, repeat: { type: 'string', default: '15' } } });
const MESSAGES = Number(values.messages);
const REPEAT = Number(values.repeat);
// Bodies first, while the transcript is empty and every reply line is still split and kept; past
// --max-transcript (64 KB) a session records only its actions.
const COMMANDS = [`FETCH 1:${Math.min(200, MESSAGES)} BODY.PEEK[]`, 'FETCH 1:* (FLAGS ENVELOPE)', 'FETCH 1:* (UID FLAGS)'];
const corpus = generateCorpus(MESSAGES);

async function sandboxWith(sessionLog: 'off' | 'full'): Promise<Sandbox> {
  const sandbox = await start({ sessionLog, smtpPort: null, httpPort: null, pop3Port: null, imapPort: 0, logLevel: 'silent', maxMessages: 1e6, maxBytes: 4 * 1024 ** 3 });
  corpus.messages.forEach((raw, i) => sandbox.store.add(raw, corpus.envelopes[i]));
  return sandbox;
}

const modes = ['off', 'full'] as const;
const sandboxes = { off: await sandboxWith('off'), full: await sandboxWith('full') };
const samples: Record<string, Record<string, number[]>> = { off: {}, full: {} };
for (let run = 0; run <= REPEAT; run++) {
  for (const mode of run % 2 ? modes : [...modes].reverse()) {
    // A new session each run, so the transcript starts empty as a client's first sync does.
    const client = await ImapClient.connect(sandboxes[mode].imap!.port);
    await client.ok('LOGIN bench any');
    await client.ok('SELECT INBOX');
    for (const command of COMMANDS) {
      const started = process.hrtime.bigint();
      await client.ok(command);
      if (run > 0) (samples[mode][command] ??= []).push(msSince(started));
    }
    await client.logout();
  }
}
console.table(
  COMMANDS.map((command) => {
    const off = median(samples.off[command]);
    const full = median(samples.full[command]);
    return { command, offMs: Number(off.toFixed(2)), fullMs: Number(full.toFixed(2)), fullOverOff: Number((full / off).toFixed(3)) };
  }),
);
await Promise.all(Object.values(sandboxes).map((s) => s.close()));
