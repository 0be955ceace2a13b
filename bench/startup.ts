// Start-up of the package as users run it: packed and installed with production dependencies only
// by the image's own steps (scripts/image-steps.sh), then, run after run, the time from exec to the
// first 200 from /api/v1/health, and the resident memory once idle and after the first mail is read.
//   npm run bench:startup [-- --runs 5]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { guardProcess } from './guard.ts';
import { treeMemory } from './memory.ts';
import { writeResults } from './report.ts';
import { median, msSince } from './stats.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
guardProcess(10 * 60_000);

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mailsandbox-startup-'));
chmodSync(dir, 0o755);
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const sh = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
console.log('building, packing and installing the tarball (--omit=dev) ...');
sh('npm', ['run', 'build', '--silent']);
sh(join(root, 'scripts', 'image-steps.sh'), ['pack', dir]);
sh(join(root, 'scripts', 'image-steps.sh'), ['install', join(dir, 'mailsandbox.tgz'), join(dir, 'prefix')]);
const installed = join(dir, 'prefix', 'bin', 'mailsandbox');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  startupMs: number;
  idleRssMb: number;
  afterFirstMailRssMb: number;
}

async function measure([command, args, cwd]: Target): Promise<Run> {
  const [http, smtp] = [await freePort(), await freePort()];
  const begun = process.hrtime.bigint();
  const child: ChildProcess = spawn(command, [...args, '--http-port', String(http), '--smtp-port', String(smtp), '--imap-port', '0', '--pop3-port', '0'], {
    cwd,
    stdio: 'ignore',
  });
  try {
    while (!(await healthy(http))) {
      if (child.exitCode !== null) throw new Error(`${command} exited ${child.exitCode}`);
      if (msSince(begun) > 20_000) throw new Error('not healthy within 20 s');
      await pause(2);
    }
    const startupMs = msSince(begun);
    await pause(2_000);
    const idleRssMb = treeMemory(child.pid!).rssMb;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'first', html: '<p>first mail</p>', text: 'first mail' });
    const detail = await fetch(`http://127.0.0.1:${http}/api/v1/messages/1`);
    if (!detail.ok) throw new Error(`GET /messages/1: ${detail.status}`);
    await detail.arrayBuffer();
    await pause(1_000);
    return { startupMs, idleRssMb, afterFirstMailRssMb: treeMemory(child.pid!).rssMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

type Target = [command: string, args: string[], cwd: string];
const targets: Record<string, Target> = {
  'installed tarball (dist/)': [installed, [], dir],
  'from source (npm start, tsx)': [process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], root],
};
const results: Record<string, Run[]> = {};
for (const [name, target] of Object.entries(targets)) {
  await measure(target); // once untimed, so every timed run finds the files in the page cache
  results[name] = [];
  for (let i = 0; i < runs; i++) results[name].push(await measure(target));
}

console.log(`\nstart-up, ${runs} runs each (median; min-max)`);
const rows = Object.entries(results).map(([name, list]) => {
  const pick = (key: keyof Run) => list.map((r) => r[key]);
  const fmt = (xs: number[], digits: number) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
  return [name, fmt(pick('startupMs'), 0) + ' ms', fmt(pick('idleRssMb'), 0) + ' MB', fmt(pick('afterFirstMailRssMb'), 0) + ' MB'];
});
const table = [['', 'exec -> healthy', 'idle RSS', 'RSS after 1st mail read'], ...rows];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
for (const row of table) console.log(row.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('   '));
console.log(`\nresults: ${writeResults('startup', { runs, results })}`);
