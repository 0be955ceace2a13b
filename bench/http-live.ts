// HTTP, live paths and memory on one mailsandbox process loaded over SMTP with 10k x 10 KB:
// the paged list, message detail, Mailpit's search (GET /mailpit/api/v1/search?query=, the
// compatibility API's) and the native ?q= search in req/s with p50/p99; SMTP 250 -> WebSocket event
// and 250 -> the answer of a waiting /api/v1/wait at 100 msgs/s with 10 listeners; RSS growth
// per byte held; and a soak of 100k messages through the default 5000-message cap.
import WebSocket from 'ws';
import { sendLoad } from './ingest.ts';
import { procStatus, startCappedSandbox, startPeer, type Peer } from './ingest-peers.ts';
import { BenchSmtpClient } from './smtp-client.ts';

export interface Latency {
  count: number;
  perSec: number;
  p50: number;
  p99: number;
}

function latency(samples: number[], seconds: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: samples.length, perSec: samples.length / seconds, p50: at(0.5), p99: at(0.99) };
}

/** The current RSS: what a plateau is judged by. */
const rssMb = (pid: number) => procStatus(pid, 'VmRSS');

/** `concurrency` loops asking `path()` for `seconds`; every answer must be 200. */
async function hammer(base: string, path: () => string, seconds: number, concurrency = 10): Promise<Latency> {
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const response = await fetch(base + path());
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path()} answered ${response.status}`);
        samples.push(performance.now() - t);
      }
    }),
  );
  return latency(samples, (performance.now() - started) / 1000);
}

export interface HttpLiveResult {
  list: Latency;
  detail: Latency;
  /** Mailpit's GET /api/v1/search?query=; absent in results saved before it was measured. */
  mailpitSearch?: Latency;
  search: Latency;
  wsEvent: Latency;
  wait: Latency;
  rssPerHeldByte: number;
  heldMb: number;
  soak: Array<{ sent: number; rssMb: number }>;
}

async function livePaths(peer: Peer, base: string): Promise<{ wsEvent: Latency; wait: Latency }> {
  const listeners = await Promise.all(
    Array.from({ length: 10 }, () => {
      const socket = new WebSocket(`ws://127.0.0.1:${peer.httpPort}/api/v1/events`);
      return new Promise<WebSocket>((resolve, reject) => socket.once('open', () => resolve(socket)).once('error', reject));
    }),
  );
  const seen = new Map<number, number[]>();
  for (const socket of listeners) {
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string; data: { id: number } };
      if (event.type !== 'message.added') return;
      const times = seen.get(event.data.id) ?? [];
      times.push(performance.now());
      seen.set(event.data.id, times);
    });
  }
  const client = await BenchSmtpClient.open(peer.port);
  const acked = new Map<number, number>();
  // When each waiting request was answered, and when its message's 250 arrived: the answer may
  // come first (the store resolves the wait before SMTP writes its reply), so latencies can be < 0.
  const answered: Array<Promise<number>> = [];
  const ackedAt: number[] = [];
  const MESSAGES = 500;
  for (let i = 0; i < MESSAGES; i++) {
    const due = performance.now() + 10;
    const subject = `live-${i}-${Date.now()}`;
    answered.push(fetch(`${base}/api/v1/wait?subject=${subject}&timeout=10000`).then(async (response) => (await response.arrayBuffer(), performance.now())));
    const body = Buffer.from(`From: live@example.com\r\nTo: sink@example.com\r\nSubject: ${subject}\r\n\r\nlive path\r\n`);
    await client.send('live@example.com', 'sink@example.com', body);
    ackedAt[i] = performance.now();
    acked.set(Number(/stored as (\d+)/.exec(client.lastReply)?.[1]), ackedAt[i]);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const waitTimes = (await Promise.all(answered)).map((at, i) => at - ackedAt[i]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await client.quit();
  for (const socket of listeners) socket.close();
  const eventTimes: number[] = [];
  for (const [id, at] of acked) for (const t of seen.get(id) ?? []) eventTimes.push(t - at);
  return { wsEvent: latency(eventTimes, MESSAGES / 100), wait: latency(waitTimes, MESSAGES / 100) };
}

export async function runHttpLive(log: (line: string) => void = () => {}): Promise<HttpLiveResult> {
  const peer = (await startPeer('mailsandbox'))!;
  try {
    const pid = peerPid(peer);
    const before = rssMb(pid);
    const shape = { label: 'load', messages: 10_000, size: 10 * 1024, connections: 8 };
    const { acked } = await sendLoad(peer.port, shape, true);
    const heldMb = (acked * shape.size) / 1024 ** 2;
    const rssPerHeldByte = (rssMb(pid) - before) / heldMb;
    log(`loaded ${acked} messages: RSS growth ${rssPerHeldByte.toFixed(2)} x the bytes held`);
    const base = `http://127.0.0.1:${peer.httpPort}`;
    let page = 0;
    const list = await hammer(base, () => `/api/v1/messages?limit=50&offset=${(page++ % 200) * 50}`, 5);
    let id = 0;
    const detail = await hammer(base, () => `/api/v1/messages/${1 + (id++ * 7919) % acked}`, 5);
    // The same words through both dialects; Mailpit's goes first, so it also pays the first search,
    // which decodes every body into the search-text cache.
    const query = (n: number) => encodeURIComponent(`bench message ${n % 20}`);
    let word = 0;
    const mailpitSearch = await hammer(base, () => `/mailpit/api/v1/search?query=${query(word++)}&limit=50`, 5);
    const search = await hammer(base, () => `/api/v1/messages?limit=50&q=${query(word++)}`, 5);
    log(`HTTP list ${list.perSec.toFixed(0)} req/s, detail ${detail.perSec.toFixed(0)}, Mailpit search ${mailpitSearch.perSec.toFixed(0)}, search ${search.perSec.toFixed(0)}`);
    const live = await livePaths(peer, base);
    log(`live: WS p50 ${live.wsEvent.p50.toFixed(2)} ms, wait p50 ${live.wait.p50.toFixed(2)} ms`);
    return { list, detail, mailpitSearch, search, ...live, rssPerHeldByte, heldMb, soak: await soak(log) };
  } finally {
    peer.stop();
  }
}

/** 100k messages of 10 KB through the default cap of 5000; RSS every 10k. */
async function soak(log: (line: string) => void): Promise<Array<{ sent: number; rssMb: number }>> {
  const peer = await startCappedSandbox();
  try {
    const pid = peerPid(peer);
    const curve = [{ sent: 0, rssMb: rssMb(pid) }];
    for (let sent = 10_000; sent <= 100_000; sent += 10_000) {
      await sendLoad(peer.port, { label: 'soak', messages: 10_000, size: 10 * 1024, connections: 8 }, true);
      curve.push({ sent, rssMb: rssMb(pid) });
      log(`soak ${sent}: ${curve.at(-1)!.rssMb.toFixed(0)} MB`);
    }
    return curve;
  } finally {
    peer.stop();
  }
}

function peerPid(peer: Peer): number {
  if (peer.pid === undefined) throw new Error(`${peer.name} has no pid`);
  return peer.pid;
}
