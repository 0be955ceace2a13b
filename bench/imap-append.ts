// MULTIAPPEND and BINARY cost, in CPU time per message (repeatable on a loaded machine, unlike wall
// clock), mailsandbox against Dovecot: 1000 messages stored as 1000 pipelined APPENDs and as ten
// MULTIAPPENDs of 100, then FETCH 1:* of a base64 part with BODY.PEEK (encoded) and BINARY.PEEK
// (decoded), after one untimed pass that lets both cache the MIME structure. Each server runs in
// processes of its own (bench/targets.ts); the figure is their CPU time, from /proc.
// Run: npx tsx bench/imap-append.ts [messages]
import { readdirSync, readFileSync } from 'node:fs';
import { generateCorpus } from './corpus.ts';
import { ImapClient } from './imap-client.ts';
import { startTargets } from './targets.ts';

const COUNT = Number(process.argv[2] ?? 1000);
const BATCH = 100;
const TICK_MS = 1000 / 100;

const message = (i: number) =>
  `From: a@example.com\r\nTo: b@example.com\r\nSubject: bench ${i}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n` +
  `--x\r\nContent-Type: text/plain\r\n\r\nhello ${i}\r\n--x\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
  `${Buffer.alloc(3000, i % 251).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--x--\r\n`;
const literal = (text: string) => `{${Buffer.byteLength(text)}+}\r\n${text}`;

/** CPU ms used so far by `root` and the processes under it (Dovecot's master and the imap processes it forks). */
function processTreeCpuMs(root: number): number {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The process ended while we looked.
    }
  }
  const under = (pid: number): boolean => pid === root || (parents.has(pid) && pid > 1 && under(parents.get(pid)!));
  let total = 0;
  for (const [pid, ms] of cpu) if (under(pid)) total += ms;
  return total;
}

async function measure(port: number, cpuMs: () => number): Promise<Record<string, number>> {
  const client = await ClientFor(port);
  const figures: Record<string, number> = {};
  const timed = async (name: string, run: () => Promise<void>) => {
    const before = cpuMs();
    await run();
    figures[name] = (cpuMs() - before) / COUNT;
  };
  await client.command('CREATE Single');
  await client.command('CREATE Multi');
  await timed('APPEND, one per message', async () => {
    const replies = await Promise.all(Array.from({ length: COUNT }, (_, i) => client.command(`APPEND Single ${literal(message(i))}`)));
    if (replies.some((r) => r.status !== 'OK')) throw new Error('APPEND failed');
  });
  await timed(`MULTIAPPEND of ${BATCH}`, async () => {
    for (let start = 0; start < COUNT; start += BATCH) {
      const parts = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, i) => literal(message(start + i)));
      const reply = await client.command(`APPEND Multi ${parts.join(' ')}`);
      if (reply.status !== 'OK') throw new Error(`MULTIAPPEND: ${reply.text}`);
    }
  });
  await client.command('SELECT Multi');
  // Untimed first pass: both servers parse and cache each message's MIME structure once.
  await client.command('FETCH 1:* (BODYSTRUCTURE)');
  for (const item of ['BODY.PEEK[2]', 'BINARY.PEEK[2]', 'BINARY.SIZE[2]']) {
    await timed(`FETCH 1:* (${item})`, async () => {
      const reply = await client.command(`FETCH 1:* (${item})`);
      if (reply.status !== 'OK' || reply.untagged.length < COUNT) throw new Error(`FETCH ${item}: ${reply.text}`);
    });
  }
  await client.command('LOGOUT').catch(() => undefined);
  return figures;
}

async function ClientFor(port: number): Promise<ImapClient> {
  const client = await ImapClient.connect(port);
  const login = await client.command(`LOGIN bench${Date.now()} x`);
  if (login.status !== 'OK') throw new Error('login failed');
  return client;
}

const targets = await startTargets(generateCorpus(0, 1), { messages: 0, seed: 1 });
try {
  const figures = new Map<string, Record<string, number>>();
  for (const target of targets) figures.set(target.name, await measure(target.imapPort!, () => processTreeCpuMs(target.pid)));
  const [ours, theirs] = [figures.get('mailsandbox')!, figures.get('dovecot')!];
  console.log(`${COUNT} messages of ${Buffer.byteLength(message(0))} bytes\n`);
  console.log('| CPU ms per message | mailsandbox | Dovecot |\n| --- | ---: | ---: |');
  for (const name of Object.keys(ours)) console.log(`| ${name} | ${ours[name].toFixed(3)} | ${theirs[name].toFixed(3)} |`);
} finally {
  for (const target of targets) await target.stop();
}
