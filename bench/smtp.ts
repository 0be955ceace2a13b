// SMTP ingest: mailsandbox against a bare smtp-server that only drains, side by side in one run.
//   npm run bench:smtp -- [--messages 5000] [--connections 10] [--per-message 1000] [--size 10240]
// Two modes: connections reused (C sockets, N/C messages each) and one connection per message
// (what apps without a pool do). Each server runs in its own child process. Prints msgs/s, the
// ratio, the server's CPU time per message, acknowledged vs stored (lost), and RSS growth against
// the raw bytes held.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchSmtpClient } from './smtp-client.ts';

type Stats = { rss: number; peakRss: number; cpuMicros: number; stored: number; bytes: number };
type Target = { name: 'mailsandbox' | 'bare smtp-server'; child: ChildProcess; port: number; baseline: Stats };

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '10' },
    'per-message': { type: 'string', default: '1000' },
    size: { type: 'string', default: '10240' },
  },
});
const MESSAGES = Number(values.messages);
const CONNECTIONS = Number(values.connections);
const PER_MESSAGE = Number(values['per-message']);
const SIZE = Number(values.size);
const TIME_LIMIT_MS = 5 * 60_000;

function message(i: number): Buffer {
  const head = `From: bench@example.com\r\nTo: sink@example.com\r\nSubject: bench message ${i}\r\nMessage-ID: <${i}@bench>\r\n\r\n`;
  const line = 'The quick brown fox jumps over the lazy dog, again and again. 0123456789\r\n';
  return Buffer.from(head + line.repeat(Math.ceil((SIZE - head.length) / line.length)));
}

async function startTarget(kind: 'sandbox' | 'bare'): Promise<Target> {
  const child = fork(fileURLToPath(new URL('./smtp-target.ts', import.meta.url)), [kind], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ready = await new Promise<{ port: number; stats: Stats }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; stats: Stats }));
    child.once('exit', (code) => reject(new Error(`${kind} target exited ${code}`)));
  });
  return { name: kind === 'bare' ? 'bare smtp-server' : 'mailsandbox', child, port: ready.port, baseline: ready.stats };
}

function stats(target: Target): Promise<Stats> {
  return new Promise((resolve) => {
    target.child.once('message', (m) => resolve((m as { stats: Stats }).stats));
    target.child.send('stats');
  });
}

async function run(target: Target, total: number, reuse: boolean): Promise<{ acked: number; seconds: number }> {
  const deadline = Date.now() + TIME_LIMIT_MS;
  const bodies = Array.from({ length: 50 }, (_, i) => message(i));
  let next = 0;
  let acked = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      let client = reuse ? await BenchSmtpClient.open(target.port) : null;
      while (next < total && Date.now() < deadline) {
        const i = next++;
        const connection = client ?? (await BenchSmtpClient.open(target.port));
        if (await connection.send('bench@example.com', 'sink@example.com', bodies[i % bodies.length])) acked++;
        if (!reuse) await connection.quit();
      }
      await client?.quit();
      client = null;
    }),
  );
  return { acked, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

async function mode(label: string, total: number, reuse: boolean) {
  const rows: Array<Record<string, number | string | null> & { msgsPerSec: number; rssGrowthMb: number }> = [];
  for (const kind of ['bare', 'sandbox'] as const) {
    const target = await startTarget(kind);
    try {
      const { acked, seconds } = await run(target, total, reuse);
      const after = await stats(target);
      const stored = after.stored - target.baseline.stored;
      const growth = after.peakRss - target.baseline.rss;
      // The bare server's growth is what the same traffic costs with nothing kept (buffers, heap
      // headroom); what mailsandbox grows beyond it is the price of holding the mail.
      const bareGrowth = rows[0] ? rows[0].rssGrowthMb * 1024 ** 2 : 0;
      rows.push({
        server: target.name,
        msgsPerSec: Math.round(acked / seconds),
        cpuMicrosPerMsg: Math.round((after.cpuMicros - target.baseline.cpuMicros) / acked),
        acked,
        lost: acked - stored,
        peakRssMb: Number(mb(after.peakRss)),
        rssGrowthMb: Number(mb(growth)),
        heldMb: Number(mb(after.bytes)),
        growthPerHeldByte: kind === 'sandbox' ? Number((growth / after.bytes).toFixed(2)) : null,
        netGrowthPerHeldByte: kind === 'sandbox' ? Number(((growth - bareGrowth) / after.bytes).toFixed(2)) : null,
      });
    } finally {
      target.child.kill();
    }
  }
  const ratio = rows[1].msgsPerSec / rows[0].msgsPerSec;
  console.log(`\n${label}: ${total} messages of ${SIZE} bytes over ${CONNECTIONS} concurrent ${reuse ? 'reused connections' : 'connections, one per message'}`);
  console.table(rows);
  console.log(`ratio mailsandbox / bare: ${ratio.toFixed(2)}x`);
  return { label, total, size: SIZE, connections: CONNECTIONS, rows, ratio };
}

const results = [await mode('connection reuse', MESSAGES, true), await mode('one connection per message', PER_MESSAGE, false)];
const out = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}smtp-${Date.now()}.json`, JSON.stringify({ node: process.version, results }, null, 2));
