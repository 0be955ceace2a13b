// The IMAP stress run: `sessions` clients for `durationMs` on one mailbox, each doing random SELECT,
// FETCH (FLAGS, BODY[], BODYSTRUCTURE), STORE with mixed-case system flags and five keywords,
// EXPUNGE, APPEND and LOGOUT, one command at a time, every reply checked by a SessionChecker
// (bench/stress-check.ts). The run stops at the first violation. Choices come from a seeded PRNG per
// session, so a run can be repeated; bounded in time and, by `maxCommands`, in count.
import { seededRandom } from './corpus.ts';
import { ImapClient, type ImapReply } from './imap-client.ts';
import { SessionChecker, type StoreRequest } from './stress-check.ts';

export interface StressOptions {
  port: number;
  sessions: number;
  durationMs: number;
  seed: number;
  /** The second folder SELECT picks besides INBOX; created if missing. */
  otherFolder?: string;
  /** Stop each session after this many commands, whatever the time. */
  maxCommands?: number;
  /** Whether a STORE reply that disagrees with its STORE stops the run (true) or is only counted. */
  strictStore?: boolean;
}

export interface StressResult {
  commands: number;
  commandsPerSec: number;
  /** The first protocol fault seen (or, with strictStore, STORE disagreement), or null. */
  violation: string | null;
  /** STORE replies that disagreed with their STORE, and the first of them. */
  storeDisagreements: number;
  firstStoreDisagreement: string | null;
  /** Tagged NO replies (allowed, e.g. for mail expunged meanwhile), by command. */
  refusals: Record<string, number>;
}

const SYSTEM_SPELLINGS = [
  ['\\Seen', '\\seen', '\\SEEN'],
  ['\\Flagged', '\\flagged', '\\FLAGGED'],
  ['\\Answered', '\\answered'],
  ['\\Draft', '\\DRAFT'],
  ['\\Deleted', '\\deleted', '\\DELETED'],
];
const KEYWORDS = [
  ['$Label1', '$label1', '$LABEL1'],
  ['Project', 'project'],
  ['todo', 'TODO', 'ToDo'],
  ['$Important', '$important'],
  ['Later', 'later', 'LATER'],
];

function appendMessage(n: number): string {
  return [
    `From: "Stress ${n}" <stress${n}@example.com>`,
    'To: rcpt@example.com',
    `Subject: stress message ${n}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `plain body ${n}`,
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>html body ${n}</p>`,
    '--b--',
    '',
  ].join('\r\n');
}

export async function runStress(options: StressOptions): Promise<StressResult> {
  const otherFolder = options.otherFolder ?? 'Stress';
  const setup = await ImapClient.connect(options.port, 30_000);
  await setup.ok('LOGIN stress any');
  await setup.command(`CREATE ${otherFolder}`);
  await setup.logout();

  const deadline = Date.now() + options.durationMs;
  const started = performance.now();
  let commands = 0;
  let violation: string | null = null;
  let storeDisagreements = 0;
  let firstStoreDisagreement: string | null = null;
  const refusals: Record<string, number> = {};
  let appended = 0;

  const session = async (index: number) => {
    const rand = seededRandom(options.seed + index * 7919);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    const checker = new SessionChecker();
    let client: ImapClient | null = null;
    let done = 0;

    const send = async (line: string, store?: StoreRequest): Promise<ImapReply> => {
      const reply = await client!.command(line);
      commands++;
      done++;
      const label = line.split(' ')[0].toUpperCase();
      const problem = reply.status === 'BAD' ? { kind: 'protocol', text: `${line.slice(0, 80)}: BAD ${reply.text}` } : checker.check(line, reply.untagged, store);
      if (problem?.kind === 'store') {
        storeDisagreements++;
        firstStoreDisagreement ??= `session ${index}: ${problem.text}`;
      }
      if (problem && (problem.kind === 'protocol' || options.strictStore !== false)) violation ??= `session ${index}: ${problem.text}`;
      if (reply.status === 'NO') refusals[label] = (refusals[label] ?? 0) + 1;
      return reply;
    };
    const open = async () => {
      client = await ImapClient.connect(options.port, 30_000);
      await send('LOGIN stress any');
      await select();
    };
    const select = async () => {
      checker.reset();
      await send(`SELECT ${rand() < 0.8 ? 'INBOX' : otherFolder}`);
    };
    const range = () => {
      const from = 1 + Math.floor(rand() * checker.count);
      const to = Math.min(checker.count, from + Math.floor(rand() * 5));
      return { from, to };
    };
    const flagSet = (): string[] => {
      const chosen = new Set<number>();
      const all = [...SYSTEM_SPELLINGS, ...KEYWORDS];
      for (let i = 0, n = 1 + Math.floor(rand() * 3); i < n; i++) chosen.add(Math.floor(rand() * all.length));
      // \Deleted mostly through the EXPUNGE step, so the mailbox does not drain.
      return [...chosen].map((i) => pick(all[i])).filter((flag) => !/^\\deleted$/i.test(flag) || rand() < 0.2);
    };

    await open();
    while (!violation && Date.now() < deadline && done < (options.maxCommands ?? Infinity)) {
      const roll = rand();
      const { from, to } = range();
      const set = from === to ? `${from}` : `${from}:${to}`;
      if (checker.count === 0 || roll < 0.1) {
        if (checker.count < 60 || rand() < 0.3) {
          const message = appendMessage(++appended);
          const flags = rand() < 0.5 ? ` (${flagSet().join(' ')})` : '';
          await send(`APPEND ${rand() < 0.8 ? 'INBOX' : otherFolder}${flags} {${Buffer.byteLength(message)}+}\r\n${message}`);
        } else {
          await send('NOOP');
        }
      } else if (roll < 0.3) {
        await send(`FETCH ${set} (FLAGS)`);
      } else if (roll < 0.38) {
        await send(`FETCH ${from} (${rand() < 0.5 ? 'BODY[]' : 'BODY.PEEK[]'})`);
      } else if (roll < 0.46) {
        await send(`FETCH ${set} (BODYSTRUCTURE FLAGS)`);
      } else if (roll < 0.7) {
        const flags = flagSet();
        const sign = pick(['+', '-', '']);
        const mode = sign === '+' ? 'add' : sign === '-' ? 'remove' : 'replace';
        await send(`STORE ${set} ${sign}FLAGS (${flags.join(' ')})`, { mode, flags, from, to });
      } else if (roll < 0.78) {
        await send(`STORE ${from} +FLAGS.SILENT (${pick(SYSTEM_SPELLINGS[4])})`);
        await send('EXPUNGE');
      } else if (roll < 0.86) {
        await send('NOOP');
      } else if (roll < 0.94) {
        await select();
      } else {
        await send('LOGOUT');
        client!.destroy();
        await open();
      }
    }
    await client!.logout().catch(() => {});
  };

  await Promise.all(Array.from({ length: options.sessions }, (_, i) => session(i)));
  const seconds = (performance.now() - started) / 1000;
  return { commands, commandsPerSec: Math.round(commands / seconds), violation, storeDisagreements, firstStoreDisagreement, refusals };
}
