// SIGTERM as docker stop sends it, to the real binary: every client is told before its connection
// goes (SMTP 421 4.3.2 even mid-DATA, IMAP BYE, POP3 -ERR), and the process exits within the grace.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LineSocket } from './helpers/line-socket.ts';

const bin = ['--import', 'tsx', fileURLToPath(new URL('../server/main.ts', import.meta.url))];
let child: ChildProcess | undefined;
const sockets: LineSocket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  child?.kill('SIGKILL');
  child = undefined;
});

async function run(args: string[]): Promise<Record<string, number>> {
  child = spawn(process.execPath, [...bin, '--http-port', 'off', '--smtp-port', '0', '--imap-port', '0', '--pop3-port', '0', '--log-level', 'silent', ...args]);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${out}`)), 20_000);
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const ports = Object.fromEntries([...out.matchAll(/(SMTP|IMAP|POP3) +\w+:\/\/[^:]+:(\d+)/g)].map((m) => [m[1], Number(m[2])]));
      if (Object.keys(ports).length === 3) {
        clearTimeout(timer);
        resolve(ports);
      }
    });
    child!.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function client(port: number, greeting: RegExp): Promise<LineSocket> {
  const socket = await LineSocket.open(port);
  sockets.push(socket);
  await socket.waitFor(greeting);
  return socket;
}

describe('shutdown on SIGTERM', () => {
  it('tells a slow DATA 421 4.3.2 after the grace period, says goodbye on IMAP and POP3, and exits in time', async () => {
    const ports = await run(['--shutdown-grace', '1000']);
    const smtp = await client(ports.SMTP, /^220 /);
    smtp.write('EHLO slow\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n');
    await smtp.waitFor(/^354 /);
    smtp.write('Subject: slow\r\n\r\n');
    const trickle = setInterval(() => smtp.write('still sending\r\n'), 50);
    const imap = await client(ports.IMAP, /^\* OK/);
    imap.write('a LOGIN dev pw\r\n');
    await imap.waitFor(/^a OK/);
    const pop3 = await client(ports.POP3, /^\+OK/);
    pop3.write('USER dev\r\nPASS pw\r\n');
    await pop3.waitFor(/^\+OK dev has/);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const signalled = Date.now();
    child!.kill('SIGTERM');
    try {
      expect((await imap.waitFor(/^\* BYE/))[0]).toBe('* BYE mailsandbox shutting down');
      expect((await pop3.waitFor(/^-ERR/))[0]).toBe('-ERR [SYS/TEMP] mailsandbox is shutting down');
      expect((await smtp.waitFor(/^421 /, 4000))[0]).toBe('421 4.3.2 mailsandbox shutting down');
      // The transfer had its grace period before it was told.
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(900);
    } finally {
      clearInterval(trickle);
    }
    expect(await smtp.closedWithin(3000)).toBe(true);
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 4000))]);
    expect(code).toBe(0);
  });

  it('tells an idle SMTP client 421 4.3.2 at once', async () => {
    const ports = await run(['--shutdown-grace', '3000']);
    const smtp = await client(ports.SMTP, /^220 /);
    child!.kill('SIGTERM');
    expect((await smtp.waitFor(/^421 /, 2000))[0]).toBe('421 4.3.2 mailsandbox shutting down');
  });
});
