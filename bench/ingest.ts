// SMTP ingest, three shapes, each with connection reuse and with one connection per message,
// against every peer of bench/ingest-peers.ts in turn. Lost = acknowledged but not held.
import { BenchSmtpClient } from './smtp-client.ts';
import { PEERS, startPeer, type Peer, type PeerName } from './ingest-peers.ts';

export interface Shape {
  label: string;
  messages: number;
  size: number;
  connections: number;
}

export const SHAPES: Shape[] = [
  { label: '2000 x 10 KB / 8', messages: 2000, size: 10 * 1024, connections: 8 },
  { label: '200 x 1 MB / 4', messages: 200, size: 1024 * 1024, connections: 4 },
  { label: '5000 x 0.35 KB / 16', messages: 5000, size: 358, connections: 16 },
];

export interface IngestResult {
  shape: string;
  reuse: boolean;
  peer: PeerName;
  msgsPerSec: number;
  mbPerSec: number;
  peakRssMb: number;
  acked: number;
  lost: number;
  /** The load generator's own CPU over the median run, in % of one core. */
  generatorCpu: number;
  /** Measured runs; msgs/s, MB/s and generator CPU are the median run's, peak RSS the highest, acked and lost the sum. */
  runs: number;
}

const RUN_LIMIT_MS = 90_000;

/**
 * Messages each peer gets, in the same mode, before the measured run: every peer is a Node process,
 * and its first thousand-odd commands run unoptimised, which on a run of a few seconds would weigh
 * on whichever peer is fastest. The warm-up is not counted, in msgs/s or in lost.
 */
export function warmUpOf(shape: Shape): number {
  return Math.max(shape.connections * 5, Math.round(shape.messages / 10));
}

export function benchMessage(i: number, size: number): Buffer {
  const head = `From: bench@example.com\r\nTo: sink@example.com\r\nSubject: bench message ${i}\r\nMessage-ID: <${i}@bench>\r\n\r\n`;
  const line = 'The quick brown fox jumps over the lazy dog, again and again. 0123456789\r\n';
  const body = line.repeat(Math.max(1, Math.ceil((size - head.length) / line.length)));
  return Buffer.from((head + body).slice(0, Math.max(size, head.length + line.length)).replace(/\r?\n?$/, '\r\n'));
}

/** Sends `total` messages over `connections` sockets; returns what was acknowledged and how long it took. */
export async function sendLoad(port: number, shape: Shape, reuse: boolean): Promise<{ acked: number; seconds: number; cpu: number }> {
  const deadline = Date.now() + RUN_LIMIT_MS;
  const bodies = Array.from({ length: 20 }, (_, i) => benchMessage(i, shape.size));
  let next = 0;
  let acked = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: shape.connections }, async () => {
      const shared = reuse ? await BenchSmtpClient.open(port) : null;
      while (next < shape.messages && Date.now() < deadline) {
        const i = next++;
        const client = shared ?? (await BenchSmtpClient.open(port));
        if (await client.send('bench@example.com', 'sink@example.com', bodies[i % bodies.length])) acked++;
        if (!shared) await client.quit();
      }
      await shared?.quit();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { acked, seconds, cpu: ((cpu.user + cpu.system) / 1e6 / seconds) * 100 };
}

/**
 * Runs of each load for the two peers the targets compare, taken in turns (bare, mailsandbox, bare,
 * ...), the median kept: on a shared machine one run moves by tens of percent. mailsandbox lets go
 * of the mail before each run, so every run holds what a single one would. The stock server with
 * one connection per message runs once, its 100 ms greeting delay being its figure.
 */
export const ROUNDS = 5;
const COMPARED: PeerName[] = ['bare smtp-server', 'mailsandbox'];

interface Run {
  acked: number;
  lost: number;
  seconds: number;
  cpu: number;
  /** The peer's peak RSS so far, read while it still runs. */
  peakRssMb: number;
}

export async function runIngest(log: (line: string) => void = () => {}): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const shape of SHAPES) {
    for (const reuse of [true, false]) {
      const runs = new Map<PeerName, { peer: Peer; runs: Run[] }>();
      const measure = async (peer: Peer) => {
        const entry = runs.get(peer.name) ?? { peer, runs: [] };
        runs.set(peer.name, entry);
        entry.runs.push(await runOnce(peer, shape, reuse));
      };
      const compared = (await Promise.all(COMPARED.map(startPeer))).filter((peer): peer is Peer => peer !== null);
      try {
        for (const peer of compared) await warmUp(peer, shape, reuse);
        for (let round = 0; round < ROUNDS; round++) {
          for (const peer of compared) if (round === 0 || reuse || peer.name !== 'bare smtp-server') await measure(peer);
        }
      } finally {
        for (const peer of compared) peer.stop();
      }
      for (const name of PEERS.filter((peer) => !COMPARED.includes(peer))) {
        const peer = await startPeer(name);
        if (!peer) {
          log(`${name}: not installed, skipped`);
          continue;
        }
        try {
          await warmUp(peer, shape, reuse);
          await measure(peer);
        } finally {
          peer.stop();
        }
      }
      for (const name of PEERS) {
        const entry = runs.get(name);
        if (!entry) continue;
        const result = summarise(entry.peer, entry.runs, shape, reuse);
        results.push(result);
        log(`${shape.label} ${reuse ? 'reuse' : 'per message'} ${name}: ${result.msgsPerSec.toFixed(0)} msgs/s (median of ${result.runs}), lost ${result.lost}`);
      }
    }
  }
  return results;
}

/** MailDev writes each message to disk after its 250: it gets a moment before it is counted. */
function settle(peer: Peer): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, peer.name === 'MailDev 3' ? 1000 : 50));
}

async function warmUp(peer: Peer, shape: Shape, reuse: boolean): Promise<void> {
  await sendLoad(peer.port, { ...shape, messages: warmUpOf(shape) }, reuse);
  await settle(peer);
}

async function runOnce(peer: Peer, shape: Shape, reuse: boolean): Promise<Run> {
  await peer.clear?.();
  const storedBefore = await peer.stored();
  const { acked, seconds, cpu } = await sendLoad(peer.port, shape, reuse);
  await settle(peer);
  const stored = (await peer.stored()) - storedBefore;
  return { acked, lost: acked - Math.min(acked, stored), seconds, cpu, peakRssMb: peer.peakRssMb() };
}

function summarise(peer: Peer, runs: Run[], shape: Shape, reuse: boolean): IngestResult {
  const rate = (run: Run) => run.acked / run.seconds;
  const middle = [...runs].sort((a, b) => rate(a) - rate(b))[runs.length >> 1];
  return {
    shape: shape.label,
    reuse,
    peer: peer.name,
    msgsPerSec: rate(middle),
    mbPerSec: (rate(middle) * shape.size) / 1024 ** 2,
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    acked: runs.reduce((sum, run) => sum + run.acked, 0),
    lost: runs.reduce((sum, run) => sum + run.lost, 0),
    generatorCpu: middle.cpu,
    runs: runs.length,
  };
}
