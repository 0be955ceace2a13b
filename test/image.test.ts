// The Docker image, mirrored without Docker: the Dockerfile's own steps (scripts/image-steps.sh)
// pack the tarball and install it with production dependencies only; then the runtime stage's ENV,
// USER, HEALTHCHECK and CMD, read from the Dockerfile, start it on `::` and check it over IPv4 and IPv6.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, parseCli } from '../server/config.ts';
import { readRuntimeStage } from './helpers/dockerfile.ts';
import { packTarball, repoRoot, type Packed } from './helpers/packed.ts';

const exec = promisify(execFile);
const stage = readRuntimeStage(join(repoRoot, 'Dockerfile'));
/** The image runs as a non-root user; so does the mirror, when the tests run as root. */
const NOBODY = 65534;
const asUnprivileged = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};

/** Free ports, as Docker would map the container's own: the defaults may be taken on this machine. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the image, mirrored', () => {
  let packed: Packed;
  let bin: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess;
  let output = '';
  const ports = { smtp: 0, http: 0, imap: 0, pop3: 0 };

  const healthcheck = () =>
    exec(join(bin, stage.healthcheck[0]), stage.healthcheck.slice(1), { env, cwd: packed.dir, timeout: 10_000, ...asUnprivileged }).then(
      ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
    );

  beforeAll(async () => {
    packed = await packTarball();
    const prefix = join(packed.dir, 'prefix');
    await packed.step('install', packed.tarball, prefix);
    bin = join(prefix, 'bin');
    for (const name of Object.keys(ports) as Array<keyof typeof ports>) ports[name] = await freePort();
    env = {
      PATH: `${bin}:${process.env.PATH}`,
      ...stage.env,
      MAILSANDBOX_SMTP_PORT: String(ports.smtp),
      MAILSANDBOX_HTTP_PORT: String(ports.http),
      MAILSANDBOX_IMAP_PORT: String(ports.imap),
      MAILSANDBOX_POP3_PORT: String(ports.pop3),
    };
    server = spawn(join(bin, stage.cmd[0]), stage.cmd.slice(1), { env, cwd: packed.dir, ...asUnprivileged });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    // As Docker does: run the HEALTHCHECK until it passes.
    const deadline = Date.now() + 20_000;
    while ((await healthcheck()).code !== 0) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`never healthy; output: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 240_000);

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    packed?.remove();
  });

  it('is set up as the issue asks: non-root, dual-stack, a healthcheck subcommand, the default and TLS ports exposed', () => {
    expect(stage.user).toBe('node');
    expect(stage.env.MAILSANDBOX_HOST).toBe('::');
    expect(stage.healthcheck).toEqual(['mailsandbox', 'healthcheck']);
    expect(stage.cmd).toEqual(['mailsandbox']);
    const defaults = OPTIONS.filter((o) => o.key.endsWith('Port') && typeof o.default === 'number').map((o) => o.default);
    expect(stage.expose).toEqual(expect.arrayContaining([...defaults, 1465, 1993, 1995]));
    expect(stage.run.every((command) => command.includes('image-steps.sh'))).toBe(true);
  });

  it('has a compose example whose settings, commented ones included, are all real options that go together', () => {
    const compose = readFileSync(join(repoRoot, 'docker-compose.example.yml'), 'utf8');
    const settings = Object.fromEntries([...compose.matchAll(/^\s*#?\s*(MAILSANDBOX_\w+):\s*"?([^"\s#]+)"?/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(settings)).toEqual(expect.arrayContaining(['MAILSANDBOX_USERS', 'MAILSANDBOX_TLS_SELF_SIGNED', 'MAILSANDBOX_SMTPS_PORT']));
    for (const name of Object.keys(settings)) expect(OPTIONS.map((o) => o.env), name).toContain(name);
    expect(parseCli([], settings).kind).toBe('run');
    expect(compose).toMatch(/condition: service_healthy/);
    for (const port of stage.expose) expect(compose).toContain(`"${port}:${port}"`);
  });

  it('has production dependencies only: no TypeScript runtime, compiler or build tool', () => {
    const modules = join(packed.dir, 'prefix', 'lib', 'node_modules');
    expect(existsSync(join(modules, 'mailsandbox', 'dist', 'main.js'))).toBe(true);
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vite', 'vitest', 'preact']) {
      expect(existsSync(join(modules, dev)) || existsSync(join(modules, 'mailsandbox', 'node_modules', dev)), dev).toBe(false);
    }
  });

  it('passes its healthcheck with one line, and listens on IPv4 and IPv6', async () => {
    const { code, out } = await healthcheck();
    expect(code).toBe(0);
    expect(out).toMatch(/^healthy: http:\/\/\S+\/api\/v1\/health .*\n$/);
    expect(output).toContain(`HTTP   http://[::]:${ports.http}`);
    for (const host of ['127.0.0.1', '[::1]']) {
      expect((await fetch(`http://${host}:${ports.http}/api/v1/health`)).status).toBe(200);
    }
  });

  it('takes a mail over IPv4 and gives it back over IPv6, by IMAP and by POP3', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'app@example.com', to: 'dev@example.com', subject: 'through the image', text: 'over IPv4, back over IPv6' });

    const imap = new ImapFlow({ host: '::1', port: ports.imap, secure: false, auth: { user: 'dev@example.com', pass: 'x' }, logger: false });
    await imap.connect();
    await imap.mailboxOpen('INBOX');
    const fetched = await imap.fetchOne('*', { envelope: true, source: true });
    await imap.logout();
    expect(fetched && fetched.envelope?.subject).toBe('through the image');
    expect(fetched && fetched.source?.toString()).toContain('over IPv4, back over IPv6');

    const { stdout } = await exec('curl', ['--silent', '--show-error', '--max-time', '10', '--user', 'dev@example.com:x', `pop3://[::1]:${ports.pop3}/1`]);
    expect(stdout).toContain('Subject: through the image');
  });

  it('logs each accepted message in one line', () => {
    expect(output).toMatch(/INFO .*message accepted id=\d+ from=app@example.com to=dev@example.com size=\d+/);
  });

  it('stops on SIGTERM with exit 0, saying goodbye to an open IMAP session; then the healthcheck fails with one line', async () => {
    const imap = new ImapFlow({ host: '::1', port: ports.imap, secure: false, auth: { user: 'dev', pass: 'x' }, logger: false });
    await imap.connect();
    await imap.mailboxOpen('INBOX');
    const hungUp = new Promise<void>((resolve) => imap.once('close', () => resolve()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => server.once('exit', (code, signal) => resolve([code, signal])));
    server.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    await hungUp;
    expect(output).toContain('SIGTERM: closing listeners');
    const { code, out } = await healthcheck();
    expect(code).toBe(1);
    expect(out).toMatch(/^unhealthy: .*\n$/);
  });
});
