// The SMTP peers of the ingest bench, each in its own process: the bare smtp-server that discards
// (the ceiling, stock 100 ms greeting delay included), a naive catcher that parses each message into
// an array, mailsandbox, and MailDev 3 (npm devDependency) in a temp dir. Peak RSS is the process's
// VmHWM, read from /proc; "stored" is what the peer says it holds.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PeerName = 'bare smtp-server' | 'naive catcher' | 'mailsandbox' | 'MailDev 3';
export const PEERS: PeerName[] = ['bare smtp-server', 'naive catcher', 'mailsandbox', 'MailDev 3'];

export interface Peer {
  name: PeerName;
  port: number;
  httpPort?: number;
  pid?: number;
  /** Messages the peer holds now. */
  stored(): Promise<number>;
  /** Lets go of every message held (mailsandbox, through its API), so a repeated run starts as the first did. */
  clear?(): Promise<void>;
  peakRssMb(): number;
  stop(): void;
}

export function procStatus(pid: number, key: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function forkTarget(name: PeerName, kind: string): Promise<Peer> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./smtp-target.ts', import.meta.url)), [kind], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ready = await new Promise<{ port: number; httpPort?: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; httpPort?: number }));
    child.once('exit', (code) => reject(new Error(`${kind} target exited ${code}`)));
  });
  return {
    name,
    port: ready.port,
    httpPort: ready.httpPort,
    pid: child.pid,
    stored: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { stats: { stored: number } }).stats.stored));
        child.send('stats');
      }),
    peakRssMb: () => procStatus(child.pid!, 'VmHWM'),
    ...(ready.httpPort && {
      clear: async () => {
        const response = await fetch(`http://127.0.0.1:${ready.httpPort}/api/v1/messages`, { method: 'DELETE' });
        if (!response.ok) throw new Error(`${name}: DELETE /api/v1/messages answered ${response.status}`);
      },
    }),
    stop: () => child.kill(),
  };
}

/** null when MailDev is not installed (it is a devDependency; the bench runs without it). */
async function startMailDev(): Promise<Peer | null> {
  // Its package exports no ./package.json and no bin path, so it is found where npm puts it.
  const bin = fileURLToPath(new URL('../node_modules/maildev/dist/bin/maildev.js', import.meta.url));
  if (!existsSync(bin)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'bench-maildev-'));
  const [port, web] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [bin, '--smtp', String(port), '--web', String(web), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', dir, '--silent'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${web}/`).then(() => true, () => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: 'MailDev 3',
    port,
    pid: child.pid,
    // MailDev keeps one .eml file per message in its mail directory.
    stored: async () => readdirSync(dir).filter((f) => f.endsWith('.eml')).length,
    peakRssMb: () => procStatus(child.pid!, 'VmHWM'),
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function startPeer(name: PeerName): Promise<Peer | null> {
  switch (name) {
    case 'bare smtp-server':
      return forkTarget(name, 'bare');
    case 'naive catcher':
      return forkTarget(name, 'naive');
    case 'mailsandbox':
      return forkTarget(name, 'sandbox');
    case 'MailDev 3':
      return startMailDev();
  }
}

export function startCappedSandbox(): Promise<Peer> {
  return forkTarget('mailsandbox', 'capped');
}
