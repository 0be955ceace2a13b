// npm run bench: every comparison in one run on this machine, printed as one markdown table of
// ratios (and the figures behind them), written to bench/RESULTS.md.
//   npm run bench -- [--skip-dovecot] [--imap-duration 20] [--from bench/results/all-<time>.json]
// --from writes RESULTS.md again from the figures of an earlier run, without measuring.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { guardProcess } from './guard.ts';
import { runHttpLive, type HttpLiveResult, type Latency } from './http-live.ts';
import { ROUNDS, runIngest, SHAPES, type IngestResult } from './ingest.ts';
import { ratio as dovecotRatio, writeResults, type Row } from './report.ts';

const { values } = parseArgs({
  options: { 'skip-dovecot': { type: 'boolean', default: false }, 'imap-duration': { type: 'string', default: '20' }, from: { type: 'string' } },
});
guardProcess(60 * 60_000);
const log = (line: string) => console.error(`bench: ${line}`);

const f = (n: number | null | undefined, digits = 0) => (n == null || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const x = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '-' : `${n.toFixed(2)}x`);
const ms = (l: Latency) => `${f(l.perSec)} req/s, p50 ${f(l.p50, 2)} ms, p99 ${f(l.p99, 2)} ms`;

/** Runs a Dovecot bench script and returns the rows of its JSON results. */
async function dovecotBench(script: string, args: string[]): Promise<Record<string, Row[]> | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const path = /JSON: (\S+)/.exec(out)?.[1];
  if (code !== 0 || !path) {
    log(`${script} failed (exit ${code}); its rows are left out`);
    return null;
  }
  return (JSON.parse(readFileSync(path, 'utf8')) as { rows: Record<string, Row[]> }).rows;
}

interface Figures {
  ingest: IngestResult[];
  live: HttpLiveResult;
  imap: Record<string, Row[]> | null;
  pop3: Record<string, Row[]> | null;
}

async function measure(): Promise<Figures> {
  log('SMTP ingest (3 shapes x reuse / one connection per message x 4 peers)');
  const ingest = await runIngest(log);
  log('HTTP, live paths and memory');
  const live = await runHttpLive(log);
  const imap = values['skip-dovecot'] ? null : (log('IMAP against Dovecot'), await dovecotBench('./imap.ts', ['--duration', values['imap-duration']!, '--repeat', '3']));
  const pop3 = values['skip-dovecot'] ? null : (log('POP3 against Dovecot'), await dovecotBench('./pop3.ts', ['--repeat', '5']));
  const figures = { ingest, live, imap, pop3 };
  log(`figures: ${writeResults('all', figures)}`);
  return figures;
}

const { ingest, live, imap, pop3 }: Figures = values.from ? JSON.parse(readFileSync(values.from, 'utf8')) : await measure();

const find = (shape: string, reuse: boolean, peer: IngestResult['peer']) => ingest.find((r) => r.shape === shape && r.reuse === reuse && r.peer === peer);
const ratios: string[][] = [];
const target = (value: number | null | undefined, goal: number) => (value == null || !Number.isFinite(value) ? '-' : value >= goal ? 'met' : 'missed');
for (const shape of SHAPES) {
  for (const reuse of [true, false]) {
    const own = find(shape.label, reuse, 'mailsandbox');
    const bare = find(shape.label, reuse, 'bare smtp-server');
    const naive = find(shape.label, reuse, 'naive catcher');
    const maildev = find(shape.label, reuse, 'MailDev 3');
    const vsBare = own && bare ? own.msgsPerSec / bare.msgsPerSec : null;
    const vsMaildev = own && maildev ? own.msgsPerSec / maildev.msgsPerSec : null;
    const goals = [reuse ? `>= 1.0x bare: ${target(vsBare, 1)}` : `>= 10x stock: ${target(vsBare, 10)}`];
    if (shape.size === 10 * 1024) goals.push(`>= 4x MailDev: ${target(vsMaildev, 4)}`);
    ratios.push([`SMTP ${shape.label}, ${reuse ? 'reuse' : 'one connection per message'}`, `${f(own?.msgsPerSec)} msgs/s`, x(vsBare), x(own && naive ? own.msgsPerSec / naive.msgsPerSec : null), x(vsMaildev), goals.join('; ')]);
  }
}
for (const [name, results] of [['IMAP', imap], ['POP3', pop3]] as const) {
  if (!results) continue;
  for (const rows of Object.values(results)) {
    for (const row of rows) {
      const r = dovecotRatio(row);
      // Speed is the target; memory is shown, but all mail is in RAM here and on disk for Dovecot.
      const memoryRow = /RSS|PSS/.test(row.measure);
      if (r !== null) ratios.push([`${name} ${row.measure.trim()}`, `${f(row.values.mailsandbox, 1)} ${row.unit}`, '-', '-', '-', `vs Dovecot ${x(r)}${memoryRow ? ' (memory, no target)' : `: ${target(r, 1)}`}`]);
    }
  }
}

const soakPeak = Math.max(...live.soak.slice(1).map((s) => s.rssMb));
const soakLate = Math.max(...live.soak.slice(-5).map((s) => s.rssMb));
const lines = [
  '# Benchmark results',
  '',
  `One run of \`npm run bench\` on ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Loopback only; every peer in its own process; the load generator in this one. Ratios above 1 favour mailsandbox. On a shared machine the absolute figures move from run to run; the ratios, measured side by side, move less.`,
  '',
  '## Ratios',
  '',
  '| measure | mailsandbox | x bare smtp-server | x naive catcher | x MailDev 3 | target |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...ratios.map((r) => `| ${r.join(' | ')} |`),
  '',
  '## SMTP ingest, every peer',
  '',
  `The bare smtp-server discards (the ceiling for anything built on it) and keeps its stock 100 ms greeting delay, so with one connection per message it is the stock smtp-server. Each peer first gets an uncounted warm-up in the same mode (a tenth of the messages, at least five per connection), so no JIT start is timed. The bare smtp-server and mailsandbox then run the load ${ROUNDS} times in turns and the median run is shown (the stock server once with one connection per message, where its greeting delay sets its pace); mailsandbox is emptied through its API before each run, so each holds what a single run would; acked and lost add up every run. Lost = acknowledged but not held; it must be 0. Generator CPU is this process, in % of one core.`,
  '',
  '| shape | connections | peer | runs | msgs/s | MB/s | x ceiling | peak RSS MB | acked | lost | generator CPU % |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...ingest.map((r) => {
    const bare = find(r.shape, r.reuse, 'bare smtp-server');
    return `| ${r.shape} | ${r.reuse ? 'reused' : 'one per message'} | ${r.peer} | ${r.runs ?? 1} | ${f(r.msgsPerSec)} | ${f(r.mbPerSec, 1)} | ${x(bare ? r.msgsPerSec / bare.msgsPerSec : null)} | ${f(r.peakRssMb)} | ${r.acked} | ${r.lost} | ${f(r.generatorCpu)} |`;
  }),
  '',
  '## HTTP, live paths and memory (mailsandbox, 10,000 messages of 10 KB)',
  '',
  '| measure | figure |',
  '| --- | --- |',
  `| GET /api/v1/messages?limit=50, 10 clients | ${ms(live.list)} |`,
  `| GET /api/v1/messages/:id (detail, body parsed) | ${ms(live.detail)} |`,
  `| GET /mailpit/api/v1/search?query=... (Mailpit's search over all 10k, first search included) | ${live.mailpitSearch ? ms(live.mailpitSearch) : 'not measured'} |`,
  `| GET /api/v1/messages?q=... (the same search, native API) | ${ms(live.search)} |`,
  `| SMTP 250 -> WebSocket message.added, 100 msgs/s, 10 listeners | p50 ${f(live.wsEvent.p50, 2)} ms, p99 ${f(live.wsEvent.p99, 2)} ms (${live.wsEvent.count} events) |`,
  `| SMTP 250 -> answer of a waiting /api/v1/wait, 100 msgs/s | p50 ${f(live.wait.p50, 2)} ms, p99 ${f(live.wait.p99, 2)} ms |`,
  `| RSS growth per byte held (${f(live.heldMb)} MB held; target <= 1.5x) | ${f(live.rssPerHeldByte, 2)}x: ${live.rssPerHeldByte <= 1.5 ? 'met' : 'missed'} |`,
  `| soak: 100k x 10 KB through the 5000-message cap | RSS ${live.soak.map((s) => f(s.rssMb)).join(' -> ')} MB (every 10k); last half peaks at ${f(soakLate)} MB of ${f(soakPeak)} MB overall |`,
  '',
  'Negative live latencies are real: the store answers a waiting request, and emits the event, before SMTP has written its 250.',
  '',
  'IMAP and POP3 rows come from `bench/imap.ts` and `bench/pop3.ts` (see bench/README.md), run here with shorter settings.',
  '',
];
const markdown = lines.join('\n');
writeFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), markdown);
console.log(markdown);
process.exit(0);
