// The session flags as a user passes them to the real binary: --max-sessions, --max-transcript and
// --session-log (and their environment variables) reach the recording, and bad values stop start-up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionDetail, SessionSummary } from '../server/types.ts';

const bin = ['--import', 'tsx', fileURLToPath(new URL('../server/main.ts', import.meta.url))];
const PORTS = ['--smtp-port', '0', '--http-port', '0', '--imap-port', 'off', '--pop3-port', 'off'];

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** Starts the binary and resolves with its SMTP port and HTTP base URL once it printed them. */
function startBinary(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ smtp: number; url: string }> {
  const child = spawn(process.execPath, [...bin, ...PORTS, ...args], { env: { ...process.env, ...env } });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const smtp = /SMTP\s+smtp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      const http = /HTTP\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (smtp && http) {
        clearTimeout(timer);
        resolve({ smtp: Number(smtp[1]), url: http[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function sendFive(port: number): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'app@example.test', to: 'qa@example.test', subject: `mail ${i}`, text: 'x' });
    transport.close();
  }
}

async function recorded(url: string): Promise<SessionDetail[]> {
  for (let i = 0; i < 100; i++) {
    const list = (await (await fetch(`${url}/api/v1/sessions?limit=1000`)).json()) as { sessions: SessionSummary[] };
    if (list.sessions.every((s) => s.state === 'ended')) return Promise.all(list.sessions.map(async (s) => (await (await fetch(`${url}/api/v1/sessions/${s.id}`)).json()) as SessionDetail));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('sessions did not end');
}

describe('session flags on the command line', () => {
  it('--max-sessions and --max-transcript bound what --session-log full keeps', async () => {
    const { smtp, url } = await startBinary(['--max-sessions', '3', '--max-transcript', '1k', '--session-log', 'full']);
    await sendFive(smtp);
    const sessions = await recorded(url);
    expect(sessions.map((s) => s.actions[0].text)).toEqual([4, 3, 2].map((n) => expect.stringMatching(new RegExp(`^received #${n + 1} `))));
    for (const s of sessions) {
      expect(s.transcriptCut).toBe(true);
      expect(s.transcript.at(-1)!.text).toBe('[transcript cut: --max-transcript 1024 bytes reached; later lines are not kept]');
    }
  });

  it('MAILSANDBOX_SESSION_LOG=actions keeps actions without transcripts; --session-log off keeps nothing', async () => {
    const actions = await startBinary([], { MAILSANDBOX_SESSION_LOG: 'actions' });
    await sendFive(actions.smtp);
    const kept = await recorded(actions.url);
    expect(kept).toHaveLength(5);
    expect(kept.every((s) => s.transcript.length === 0 && s.actions.length === 1)).toBe(true);

    const off = await startBinary(['--session-log', 'off']);
    await sendFive(off.smtp);
    expect(await recorded(off.url)).toEqual([]);
  });

  it('stops on a bad value with one clear line', () => {
    for (const [args, expected] of [
      [['--session-log', 'verbose'], 'mailsandbox: --session-log: "verbose" is not valid; expected one of off, actions, full'],
      [['--max-sessions', '0'], 'mailsandbox: --max-sessions: "0" is not valid; expected a whole number above 0'],
      [['--max-transcript', 'lots'], 'mailsandbox: --max-transcript: "lots" is not valid; expected a size such as 1048576, 512k, 25m or 1g'],
    ] as const) {
      const result = spawnSync(process.execPath, [...bin, ...args], { encoding: 'utf8', timeout: 20_000 });
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe(expected);
    }
  });
});
