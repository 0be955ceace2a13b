// The command line as a user runs it: the real binary in a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../server/config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// The CLI from source, as `npm start` runs it; test/package.test.ts runs the compiled one from the tarball.
const bin = ['--import', 'tsx', fileURLToPath(new URL('../server/main.ts', import.meta.url))];

function runSync(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [...bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
}

/** Starts a command and resolves once its stdout has printed every listener line. */
function startUntilReady(command: string, args: string[], detached = false): Promise<{ child: ChildProcess; stdout: () => string }> {
  const child = spawn(command, args, { cwd: root, env: process.env, detached });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time; stdout: ${out} stderr: ${err}`)), 20_000);
    child.stdout!.on('data', () => {
      if (/SMTP .*\n/.test(out) && /HTTP .*\n/.test(out)) {
        clearTimeout(timer);
        resolve({ child, stdout: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('mailsandbox CLI', () => {
  it('--help lists every option with its env var; --version prints the version', () => {
    const help = runSync(['--help']);
    expect(help.status).toBe(0);
    for (const o of OPTIONS) {
      expect(help.stdout).toContain(o.flag);
      expect(help.stdout).toContain(o.env);
    }
    expect(runSync(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('stops on a bad value with one clear line and exit code 2', () => {
    for (const [args, env, expected] of [
      [['--smtp-port', 'abc'], {}, 'mailsandbox: --smtp-port: "abc" is not valid; expected a port 0-65535 or "off"'],
      [['--max-bytes', 'lots'], {}, 'mailsandbox: --max-bytes: "lots" is not valid; expected a size such as 1048576, 512k, 25m or 1g'],
      [[], { MAILSANDBOX_LOG_LEVEL: 'loud' }, 'mailsandbox: MAILSANDBOX_LOG_LEVEL: "loud" is not valid; expected one of debug, info, warn, error, silent'],
      [['--frobnicate'], {}, 'mailsandbox: unknown option --frobnicate; see --help'],
      [['--fault', 'rcpt=bounce@*:reject=550', '--fault', 'rcpt=x:reject=250'], {}, 'mailsandbox: --fault: fault rule "rcpt=x:reject=250": reject=250: expected an SMTP code 400-599 such as 550 or 451'],
      [[], { MAILSANDBOX_FAULTS: 'rcpt=a@*:drop; imap:command=APPEND:no=OVER QUOTA' }, 'mailsandbox: MAILSANDBOX_FAULTS: fault rule "imap:command=APPEND:no=OVER QUOTA": no=OVER QUOTA: expected a response code such as OVERQUOTA, TRYCREATE or UNAVAILABLE'],
    ] as const) {
      const result = runSync([...args], env);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('passes flags through `npm start --` and stops on Ctrl-C with nothing left behind', async () => {
    const { child, stdout } = await startUntilReady(
      'npm',
      ['start', '--silent', '--', '--smtp-port', '0', '--http-port', '0', '--imap-port', 'off', '--pop3-port', 'off'],
      true,
    );
    const smtpLine = /SMTP\s+smtp:\/\/127\.0\.0\.1:(\d+)/.exec(stdout());
    const httpLine = /HTTP\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout());
    expect(Number(smtpLine?.[1])).toBeGreaterThan(0);
    const healthUrl = `http://127.0.0.1:${httpLine![1]}/api/v1/health`;
    const health = await (await fetch(healthUrl)).json();
    expect(health).toMatchObject({ status: 'ok', smtp: { port: Number(smtpLine![1]) }, imap: null, pop3: null });
    // A terminal's Ctrl-C signals the whole foreground process group: npm and the server under it.
    process.kill(-child.pid!, 'SIGINT');
    await exited(child);
    await expect(fetch(healthUrl)).rejects.toThrow();
  });

  it('exits 0 on SIGTERM (docker stop)', async () => {
    const { child } = await startUntilReady(process.execPath, [...bin, '--smtp-port', '0', '--http-port', '0', '--imap-port', 'off', '--pop3-port', 'off']);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('exits 0 on SIGINT too', async () => {
    const { child } = await startUntilReady(process.execPath, [...bin, '--smtp-port', '0', '--http-port', '0', '--imap-port', 'off', '--pop3-port', 'off']);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
  });

  it('healthcheck: exit 0 and one line for a running server, exit 1 and one line otherwise', async () => {
    const { child, stdout } = await startUntilReady(process.execPath, [...bin, '--smtp-port', '0', '--http-port', '0', '--imap-port', 'off', '--pop3-port', 'off']);
    const port = /HTTP\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout())![1];
    const healthy = runSync(['healthcheck'], { MAILSANDBOX_HTTP_PORT: port });
    expect([healthy.status, healthy.stdout, healthy.stderr]).toEqual([0, `healthy: http://127.0.0.1:${port}/api/v1/health (mailsandbox ${runSync(['--version']).stdout.trim()}, 0 messages)\n`, '']);
    child.kill('SIGTERM');
    await exited(child);
    for (const [args, reason] of [
      [['--http-port', port], new RegExp(`^unhealthy: http://127\\.0\\.0\\.1:${port}/api/v1/health: connect ECONNREFUSED`)],
      [['--http-port', 'off'], /^unhealthy: HTTP is off/],
      [['--http-port', 'nope'], /^unhealthy: --http-port: "nope" is not valid/],
      [['--version'], /^unhealthy: healthcheck takes the server's options/],
    ] as const) {
      const result = runSync(['healthcheck', ...args]);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
