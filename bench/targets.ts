// The servers the IMAP and POP3 benches compare, started on the same corpus: Debian's Dovecot and
// mailsandbox (bench/serve-sandbox.ts in a child process). Each stops itself when this process exits.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Corpus } from './corpus.ts';
import { startDovecot } from './dovecot.ts';

export type ServerName = 'dovecot' | 'mailsandbox';

export interface Target {
  name: ServerName;
  pid: number;
  /** null when that server isn't built yet (a placeholder that starts nothing). */
  imapPort: number | null;
  pop3Port: number | null;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  messages: number;
  seed: number;
  /** Where the server's CPU profile goes; not profiled when unset. */
  profileDir?: string;
}

async function startSandbox({ messages, seed, profileDir }: SandboxOptions): Promise<Target> {
  const args = [String(messages), String(seed), ...(profileDir ? [profileDir] : [])];
  const child = fork(fileURLToPath(new URL('./serve-sandbox.ts', import.meta.url)), args, { execArgv: ['--import', 'tsx', ...(process.env.SANDBOX_NODE_FLAGS?.split(' ') ?? [])], stdio: 'inherit' });
  const killNow = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killNow);
  const ports = await new Promise<{ imapPort: number | null; pop3Port: number | null }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { imapPort: number | null; pop3Port: number | null }));
    child.once('exit', (code) => reject(new Error(`serve-sandbox exited ${code}`)));
  });
  return {
    name: 'mailsandbox',
    pid: child.pid!,
    ...ports,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send('exit');
        const timer = setTimeout(killNow, 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killNow);
    },
  };
}

export async function startTargets(corpus: Corpus, sandbox: SandboxOptions): Promise<Target[]> {
  const dovecot = await startDovecot(corpus);
  const targets: Target[] = [{ name: 'dovecot', ...dovecot }];
  try {
    targets.push(await startSandbox(sandbox));
  } catch (err) {
    await dovecot.stop();
    throw err;
  }
  return targets;
}

export async function stopTargets(targets: Target[]): Promise<void> {
  await Promise.all(targets.map((t) => t.stop()));
}
