// SMTP ingest, three shapes, each with connection reuse and with one connection per message,
// against every peer of bench/ingest-peers.ts in turn. Lost = acknowledged but not held.
import { BenchSmtpClient } from './smtp-client.ts';
import { PEERS, startPeer, type PeerName } from './ingest-peers.ts';

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
  /** The load generator's own CPU over the run, in % of one core. */
  generatorCpu: number;
}

const RUN_LIMIT_MS = 90_000;

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

export async function runIngest(log: (line: string) => void = () => {}): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const shape of SHAPES) {
    for (const reuse of [true, false]) {
      for (const name of PEERS) {
        const peer = await startPeer(name);
        if (!peer) {
          log(`${name}: not installed, skipped`);
          continue;
        }
        try {
          const { acked, seconds, cpu } = await sendLoad(peer.port, shape, reuse);
          // MailDev writes each message to disk after its 250: give it a moment before counting.
          await new Promise((resolve) => setTimeout(resolve, name === 'MailDev 3' ? 1000 : 50));
          const stored = await peer.stored();
          const result: IngestResult = {
            shape: shape.label,
            reuse,
            peer: name,
            msgsPerSec: acked / seconds,
            mbPerSec: (acked * shape.size) / 1024 ** 2 / seconds,
            peakRssMb: peer.peakRssMb(),
            acked,
            lost: acked - Math.min(acked, stored),
            generatorCpu: cpu,
          };
          results.push(result);
          log(`${shape.label} ${reuse ? 'reuse' : 'per message'} ${name}: ${result.msgsPerSec.toFixed(0)} msgs/s, lost ${result.lost}`);
        } finally {
          peer.stop();
        }
      }
    }
  }
  return results;
}
