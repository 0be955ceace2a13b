// A server under test for bench/smtp.ts and bench/ingest.ts, in its own process so client work
// doesn't count against it. argv[2]: "sandbox" (mailsandbox with HTTP, as users run it), "capped"
// (the same with the default 5000-message cap), "sandbox-sessions-off" (the same as "sandbox" with
// --session-log off), "sandbox-sessions-actions" (--session-log actions), "bare" (stock smtp-server that only drains: the ceiling) or "naive" (stock
// smtp-server that parses each message with mailparser into an array).
// Talks to the parent over IPC: sends { port, httpPort }, answers "stats" with { rss, peakRss, cpuMicros, stored, bytes }.
// argv[3], a directory: the V8 CPU profiler runs once the server listens, and "exit" writes the
// profile there before the process exits.
import { readFileSync } from 'node:fs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { start } from '../server/app.ts';
import { startCpuProfile } from './cpu-profile.ts';

type Stats = { rss: number; peakRss: number; cpuMicros: number; stored: number; bytes: number };

/** Memory, and the CPU time this process has used (user + system): unlike msgs/s, it hardly moves when other work shares the machine. */
function usage(): { rss: number; peakRss: number; cpuMicros: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  const cpu = process.cpuUsage();
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM'), cpuMicros: cpu.user + cpu.system };
}

async function startSandbox(capped: boolean, sessionLog: 'off' | 'actions' | 'full'): Promise<{ port: number; httpPort?: number; stats: () => Stats }> {
  const sandbox = await start({
    sessionLog,
    smtpPort: 0,
    // HTTP on, as users run it: the live event stream is part of the ingest path.
    httpPort: 0,
    imapPort: null,
    pop3Port: null,
    logLevel: 'silent',
    ...(capped ? {} : { maxMessages: 1_000_000, maxBytes: 8 * 1024 ** 3 }),
  });
  return {
    port: sandbox.smtp!.port,
    httpPort: sandbox.http!.port,
    stats: () => ({ ...usage(), stored: sandbox.store.stats().messages, bytes: sandbox.store.stats().bytes }),
  };
}

async function startBare(naive: boolean): Promise<{ port: number; stats: () => Stats }> {
  let stored = 0;
  let bytes = 0;
  const kept: ParsedMail[] = [];
  const server = new SMTPServer({
    disableReverseLookup: true,
    authOptional: true,
    logger: false,
    hideSTARTTLS: true,
    onData(stream, _session, callback) {
      if (naive) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then((parsed) => {
            kept.push(parsed);
            stored++;
            bytes += raw.length;
            callback();
          }, callback);
        });
        return;
      }
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('end', () => {
        stored++;
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, stats: () => ({ ...usage(), stored, bytes }) };
}

const kind = process.argv[2];
const target: { port: number; httpPort?: number; stats: () => Stats } =
  kind === 'bare' || kind === 'naive' ? await startBare(kind === 'naive') : await startSandbox(kind === 'capped', kind === 'sandbox-sessions-off' ? 'off' : kind === 'sandbox-sessions-actions' ? 'actions' : 'full');
const stopProfile = await startCpuProfile(process.argv[3], `smtp-${kind}`);
const exit = async () => {
  const file = await stopProfile();
  if (file) console.error(`profile: ${file}`);
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stats') process.send!({ stats: target.stats() });
  if (message === 'exit') void exit();
});
process.send!({ port: target.port, httpPort: target.httpPort, stats: target.stats() });
process.on('SIGINT', () => process.exit(0));
