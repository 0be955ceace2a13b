// LIST forms against Debian's Dovecot: 200 folders (100 under \Noselect levels, 50 subscribed), one
// session each, the servers taking turns form by form. Per form: wall ms per command (median) and
// the server's CPU ms per command (its whole process tree, from /proc), and the lines answered.
//   npx tsx bench/imap-list.ts [--commands 300]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.ts';
import { guardProcess } from './guard.ts';
import { ImapClient } from './imap-client.ts';
import { descendants } from './memory.ts';
import { printTable, writeResults, type Row } from './report.ts';
import { median, msSince } from './stats.ts';
import { startTargets, stopTargets, type ServerName } from './targets.ts';

const { values } = parseArgs({ options: { commands: { type: 'string', default: '300' } } });
const COMMANDS = Number(values.commands);
guardProcess(15 * 60_000);

const FORMS = [
  'LIST "" *',
  'LIST "" %',
  'LIST "" * RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN))',
  'LIST (SUBSCRIBED RECURSIVEMATCH) "" % RETURN (CHILDREN)',
  'LIST "" ("INBOX" "proj1*" "flat%")',
  'LSUB "" *',
  // The cost of any command, for scale.
  'NOOP',
];

const TICK_MS = 10; // USER_HZ is 100 on Linux
function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of descendants(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks * TICK_MS;
}

const corpus = generateCorpus(100, 20261201);
const targets = await startTargets(corpus, { messages: 100, seed: 20261201 });
const rows: Row[] = [];
try {
  const sessions = new Map<ServerName, ImapClient>();
  for (const target of targets) {
    const client = await ImapClient.connect(target.imapPort!);
    await client.ok('LOGIN bench any');
    for (let i = 0; i < 100; i++) await client.ok(`CREATE proj${i}/sub`);
    for (let i = 0; i < 100; i++) await client.ok(`CREATE flat${i}`);
    for (let i = 0; i < 50; i++) await client.ok(`SUBSCRIBE proj${i}/sub`);
    sessions.set(target.name, client);
  }
  for (const form of FORMS) {
    const wall: Row = { measure: `${form} wall`, unit: 'ms/cmd', better: 'lower', values: {} };
    const cpu: Row = { measure: `${form} server CPU`, unit: 'ms/cmd', better: 'lower', values: {} };
    const lines: Row = { measure: `${form} lines`, unit: 'lines', better: 'none', values: {} };
    for (const target of targets) {
      const client = sessions.get(target.name)!;
      for (let i = 0; i < 20; i++) await client.ok(form);
      const times: number[] = [];
      const cpuBefore = treeCpuMs(target.pid);
      let answered = 0;
      for (let i = 0; i < COMMANDS; i++) {
        const start = process.hrtime.bigint();
        answered = (await client.ok(form)).untagged.length;
        times.push(msSince(start));
      }
      wall.values[target.name] = median(times);
      cpu.values[target.name] = (treeCpuMs(target.pid) - cpuBefore) / COMMANDS;
      lines.values[target.name] = answered;
    }
    rows.push(wall, cpu, lines);
  }
  for (const client of sessions.values()) await client.logout();
} finally {
  await stopTargets(targets);
}
printTable(`IMAP LIST, one session, 200 folders, ${COMMANDS} commands per form`, rows);
console.log(`\nwritten to ${writeResults('imap-list', { commands: COMMANDS, rows })}`);
process.exit(0);
