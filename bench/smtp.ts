// SMTP ingest: mailsandbox against a bare smtp-server that only drains, side by side in one run.
//   npm run bench:smtp -- [--messages 5000] [--connections 10] [--per-message 1000] [--size 10240]
//                         [--session-log-cost] [--servers bare,sandbox] [--side-by-side R [--repeat K]] [--generator node|smtp-source] [--callgrind [--callgrind-warm-up 200]] [--profile]
// Two modes: connections reused (C sockets, N/C messages each) and one connection per message
// (what apps without a pool do); --messages 0 or --per-message 0 leaves that mode out. Each server
// runs in its own child process. Prints msgs/s, the ratio, the server's CPU time per message,
// acknowledged vs stored (lost), and RSS growth against the raw bytes held.
//
// --session-log-cost: mailsandbox with --session-log off, then actions, then full (the default),
//   which prices the session recording instead of comparing with a bare server.
// --servers: which servers, the first being the reference: bare, sandbox, sandbox-sessions-off,
//   sandbox-sessions-actions.
// --generator smtp-source: Postfix's smtp-source (apt package postfix; no MTA is started) sends the
//   load instead of this process's own client, so the generator costs next to nothing.
// --callgrind: each server runs under valgrind's callgrind; its counters are zeroed after a warm-up
//   and read after the run, giving instructions per message, which stay the same however loaded
//   the machine is (msgs/s then mean nothing: valgrind runs the server some 50 times slower).
//   --callgrind-warm-up N sets the warm-up's messages (default 200). V8 is still compiling after
//   200; a few thousand leave its optimising compiler out of the count.
// --profile: a V8 CPU profile of each server process goes to bench/results/profiles/
//   (read it with bench/profile-top.ts).
// --side-by-side R: every server runs at once, each under its own copy of the load, for R rounds;
//   prints each one's CPU per message per round, and the median ratio to the first. On a shared
//   machine, whatever else runs hits all of them alike, so a difference of a few percent shows
//   (with --session-log-cost it prices the recording; msgs/s then mean nothing).
//   --repeat K does that K times, each time with fresh server processes, and prints the median of
//   the K medians with their range: a process keeps whatever luck its JIT and heap layout had for
//   all its rounds, so rounds alone do not average that out.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchSmtpClient } from './smtp-client.ts';
import { median } from './stats.ts';

type Stats = { rss: number; peakRss: number; cpuMicros: number; stored: number; bytes: number };
type Kind = 'bare' | 'sandbox' | 'sandbox-sessions-off' | 'sandbox-sessions-actions';
type Target = { name: string; child: ChildProcess; port: number };
type Generator = 'node' | 'smtp-source';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '10' },
    'per-message': { type: 'string', default: '1000' },
    size: { type: 'string', default: '10240' },
    'session-log-cost': { type: 'boolean', default: false },
    generator: { type: 'string', default: 'node' },
    servers: { type: 'string' },
    callgrind: { type: 'boolean', default: false },
    'callgrind-warm-up': { type: 'string', default: '200' },
    profile: { type: 'boolean', default: false },
    'side-by-side': { type: 'string', default: '0' },
    repeat: { type: 'string', default: '1' },
  },
});
const MESSAGES = Number(values.messages);
const CONNECTIONS = Number(values.connections);
const PER_MESSAGE = Number(values['per-message']);
const SIZE = Number(values.size);
const GENERATOR = values.generator as Generator;
if (GENERATOR !== 'node' && GENERATOR !== 'smtp-source') throw new Error('--generator is node or smtp-source');
const SMTP_SOURCE = '/usr/sbin/smtp-source';
const ROUNDS = Number(values['side-by-side']);
if (!Number.isInteger(ROUNDS) || ROUNDS < 0) throw new Error('--side-by-side takes a number of rounds');
const REPEAT = Number(values.repeat);
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error('--repeat takes a number of runs');
if (REPEAT > 1 && ROUNDS === 0) throw new Error('--repeat goes with --side-by-side');
const KINDS = (values.servers?.split(',') ?? (values['session-log-cost'] ? ['sandbox-sessions-off', 'sandbox-sessions-actions', 'sandbox'] : ['bare', 'sandbox'])) as Kind[];
const NAMES: Record<Kind, string> = {
  bare: 'bare smtp-server',
  sandbox: 'mailsandbox',
  'sandbox-sessions-off': 'mailsandbox, --session-log off',
  'sandbox-sessions-actions': 'mailsandbox, --session-log actions',
};
for (const kind of KINDS) if (!(kind in NAMES)) throw new Error(`--servers: no server ${kind}`);
const CALLGRIND = values.callgrind;
const CALLGRIND_WARM_UP = Number(values['callgrind-warm-up']);
if (!Number.isInteger(CALLGRIND_WARM_UP) || CALLGRIND_WARM_UP < 1) throw new Error('--callgrind-warm-up takes a number of messages');
const TIME_LIMIT_MS = (CALLGRIND ? 30 : 5) * 60_000;
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const PROFILE_DIR = values.profile ? `${RESULTS_DIR}profiles/` : null;

function message(i: number): Buffer {
  const head = `From: bench@example.com\r\nTo: sink@example.com\r\nSubject: bench message ${i}\r\nMessage-ID: <${i}@bench>\r\n\r\n`;
  const line = 'The quick brown fox jumps over the lazy dog, again and again. 0123456789\r\n';
  return Buffer.from(head + line.repeat(Math.ceil((SIZE - head.length) / line.length)));
}

async function startTarget(kind: Kind): Promise<Target> {
  const script = fileURLToPath(new URL('./smtp-target.ts', import.meta.url));
  const args = PROFILE_DIR ? [kind, PROFILE_DIR] : [kind];
  const valgrind = ['--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${RESULTS_DIR}callgrind.smtp-${kind}.%p`, process.execPath];
  const child = CALLGRIND
    ? fork(script, args, { execPath: 'valgrind', execArgv: [...valgrind, '--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    : fork(script, args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ready = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number }));
    child.once('exit', (code) => reject(new Error(`${kind} target exited ${code}`)));
  });
  return { name: NAMES[kind], child, port: ready.port };
}

function stats(target: Target): Promise<Stats> {
  return new Promise((resolve) => {
    target.child.once('message', (m) => resolve((m as { stats: Stats }).stats));
    target.child.send('stats');
  });
}

/** Instructions the process under callgrind has run since its counters were last zeroed, every thread. */
function instructions(target: Target, zero = false): number {
  const out = execFileSync('callgrind_control', [zero ? '-z' : '-e', ...(zero ? [] : ['Ir']), String(target.child.pid)], { encoding: 'utf8' });
  let total = 0;
  for (const [, count] of out.matchAll(/^\s+Th \d+\s+([\d,]+)/gm)) total += Number(count.replaceAll(',', ''));
  return total;
}

/** Lets a profiling target write its profile first. */
async function stop(target: Target): Promise<void> {
  if (!PROFILE_DIR && !CALLGRIND) return void target.child.kill();
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.send('exit');
  await exited;
}

async function runNode(port: number, total: number, reuse: boolean): Promise<number> {
  const deadline = Date.now() + TIME_LIMIT_MS;
  const bodies = Array.from({ length: 50 }, (_, i) => message(i));
  let next = 0;
  let acked = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      let client = reuse ? await BenchSmtpClient.open(port) : null;
      while (next < total && Date.now() < deadline) {
        const i = next++;
        const connection = client ?? (await BenchSmtpClient.open(port));
        if (await connection.send('bench@example.com', 'sink@example.com', bodies[i % bodies.length])) acked++;
        if (!reuse) await connection.quit();
      }
      await client?.quit();
      client = null;
    }),
  );
  return acked;
}

/** smtp-source stops at the first reply it did not expect, so a clean exit means every message was acknowledged. */
async function runSmtpSource(port: number, total: number, reuse: boolean): Promise<number> {
  // Its -l counts the body only; it writes a few header lines of its own.
  const args = ['-s', String(CONNECTIONS), '-m', String(total), '-l', String(SIZE), '-f', 'bench@example.com', '-t', 'sink@example.com', '-M', 'bench.local'];
  const child = spawn(SMTP_SOURCE, [...args, ...(reuse ? ['-d'] : []), `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const limit = setTimeout(() => child.kill(), TIME_LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(limit);
  if (code !== 0) throw new Error(`smtp-source exited ${code}`);
  return total;
}

/** Sends the load; returns what was acknowledged, the wall time and the generator's own CPU time. */
async function run(port: number, total: number, reuse: boolean): Promise<{ acked: number; seconds: number; generatorCpuMicros: number }> {
  const cpuBefore = process.cpuUsage();
  const childrenBefore = childCpuMicros();
  const started = process.hrtime.bigint();
  const acked = GENERATOR === 'smtp-source' ? await runSmtpSource(port, total, reuse) : await runNode(port, total, reuse);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // smtp-source's CPU shows in this process's reaped children; the node client's in its own.
  const generatorCpuMicros = GENERATOR === 'smtp-source' ? childCpuMicros() - childrenBefore : cpu.user + cpu.system;
  return { acked, seconds, generatorCpuMicros };
}

/** CPU time of this process's children that have exited: cutime + cstime of /proc/self/stat, in clock ticks of 10 ms. */
function childCpuMicros(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10_000;
}

const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

async function mode(label: string, total: number, reuse: boolean) {
  const rows: Array<Record<string, number | string | null> & { msgsPerSec: number; rssGrowthMb: number }> = [];
  for (const kind of KINDS) {
    const target = await startTarget(kind);
    try {
      // Under callgrind the JIT is warmed and the counters zeroed first, so start-up is left out.
      if (CALLGRIND) {
        await run(target.port, Math.max(CONNECTIONS, CALLGRIND_WARM_UP), reuse);
        instructions(target, true);
      }
      const before = await stats(target);
      const { acked, seconds, generatorCpuMicros } = await run(target.port, total, reuse);
      const after = await stats(target);
      const stored = after.stored - before.stored;
      const growth = after.peakRss - before.rss;
      // The bare server's growth is what the same traffic costs with nothing kept (buffers, heap
      // headroom); what mailsandbox grows beyond it is the price of holding the mail.
      const bareGrowth = kind !== 'bare' && rows[0] && KINDS[0] === 'bare' ? rows[0].rssGrowthMb * 1024 ** 2 : 0;
      rows.push({
        server: target.name,
        msgsPerSec: Math.round(acked / seconds),
        cpuMicrosPerMsg: Math.round((after.cpuMicros - before.cpuMicros) / acked),
        ...(CALLGRIND ? { kInstrPerMsg: Math.round(instructions(target) / acked / 1000) } : {}),
        generatorCpuPct: Math.round((generatorCpuMicros / 1e6 / seconds) * 100),
        acked,
        lost: acked - stored,
        peakRssMb: Number(mb(after.peakRss)),
        rssGrowthMb: Number(mb(growth)),
        heldMb: Number(mb(after.bytes)),
        growthPerHeldByte: kind !== 'bare' ? Number((growth / after.bytes).toFixed(2)) : null,
        netGrowthPerHeldByte: kind !== 'bare' ? Number(((growth - bareGrowth) / after.bytes).toFixed(2)) : null,
      });
    } finally {
      await stop(target);
    }
  }
  console.log(`\n${label}: ${total} messages of ${SIZE} bytes over ${CONNECTIONS} concurrent ${reuse ? 'reused connections' : 'connections, one per message'}, sent by ${GENERATOR}`);
  console.table(rows);
  const ratios = rows.slice(1).map((row, i) => {
    const measure = CALLGRIND ? 'kInstrPerMsg' : 'msgsPerSec';
    const ratio = CALLGRIND ? Number(row[measure]) / Number(rows[0][measure]) : row.msgsPerSec / rows[0].msgsPerSec;
    console.log(`${CALLGRIND ? 'instructions per message' : 'msgs/s'}, ${NAMES[KINDS[i + 1]]} / ${NAMES[KINDS[0]]}: ${ratio.toFixed(3)}x`);
    return ratio;
  });
  return { label, total, size: SIZE, connections: CONNECTIONS, generator: GENERATOR, callgrind: CALLGRIND, rows, ratios };
}

/** Every server at once, each with its own load, ROUNDS times: CPU per message, side by side. */
async function sideBySide(label: string, total: number, reuse: boolean) {
  const targets = await Promise.all(KINDS.map(startTarget));
  try {
    await Promise.all(targets.map((target) => run(target.port, Math.max(CONNECTIONS, 200), reuse)));
    const perRound: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await Promise.all(targets.map(stats));
      const acked = await Promise.all(targets.map(async (target) => (await run(target.port, total, reuse)).acked));
      const after = await Promise.all(targets.map(stats));
      perRound.push(targets.map((_, i) => (after[i].cpuMicros - before[i].cpuMicros) / acked[i]));
    }
    console.log(`\n${label}, side by side: ${total} messages of ${SIZE} bytes over ${CONNECTIONS} ${reuse ? 'reused connections' : 'connections, one per message'} to each server at once, ${ROUNDS} rounds`);
    console.table(perRound.map((cpu) => Object.fromEntries(targets.map((target, i) => [target.name, Math.round(cpu[i])]))));
    const ratios = targets.slice(1).map((target, i) => {
      const ratio = median(perRound.map((cpu) => cpu[i + 1] / cpu[0]));
      console.log(`CPU per message, ${target.name} / ${targets[0].name}: median ${ratio.toFixed(3)}x`);
      return ratio;
    });
    return { label, total, size: SIZE, connections: CONNECTIONS, generator: GENERATOR, sideBySide: ROUNDS, cpuMicrosPerMsg: perRound, ratios };
  } finally {
    await Promise.all(targets.map(stop));
  }
}

/** --repeat runs of sideBySide, each on fresh processes: the median of their median ratios, and the range. */
async function repeated(label: string, total: number, reuse: boolean) {
  const runs: Array<Awaited<ReturnType<typeof sideBySide>>> = [];
  for (let run = 0; run < REPEAT; run++) runs.push(await sideBySide(label, total, reuse));
  const ratios = KINDS.slice(1).map((kind, i) => {
    const medians = runs.map((r) => r.ratios[i]);
    const ratio = median(medians);
    const range = `${Math.min(...medians).toFixed(3)}-${Math.max(...medians).toFixed(3)}`;
    console.log(`${label}, CPU per message, ${NAMES[kind]} / ${NAMES[KINDS[0]]}: median of ${REPEAT} runs ${ratio.toFixed(3)}x (runs ${range})`);
    return ratio;
  });
  return { label, total, size: SIZE, connections: CONNECTIONS, generator: GENERATOR, sideBySide: ROUNDS, repeat: REPEAT, runs, ratios };
}

const results = [];
const measure = ROUNDS === 0 ? mode : REPEAT > 1 ? repeated : sideBySide;
if (MESSAGES > 0) results.push(await measure('connection reuse', MESSAGES, true));
if (PER_MESSAGE > 0) results.push(await measure('one connection per message', PER_MESSAGE, false));
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}smtp-${Date.now()}.json`, JSON.stringify({ node: process.version, results }, null, 2));
