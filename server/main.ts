#!/usr/bin/env node
// CLI entry: parse flags and env, start(), print one line per listener, close cleanly on signals.
// `mailsandbox healthcheck [options]` asks a running server instead, and loads none of it.
import type { Sandbox } from './app.ts';
import { ConfigError, helpText, parseCli } from './config.ts';
import { urlHost } from './listener.ts';
import type { ListenerInfo } from './types.ts';
import { VERSION } from './version.ts';

/** Past the grace period (when every client has been told), what closing may still take before the process just exits. */
const SHUTDOWN_MARGIN_MS = 1_500;

function fatal(message: string, code: number): never {
  process.stderr.write(`mailsandbox: ${message}\n`);
  process.exit(code);
}

function describe(sandbox: Sandbox): string[] {
  const line = (label: string, scheme: string, listener: ListenerInfo | null, extra = '') =>
    listener ? `${label.padEnd(6)} ${scheme}://${urlHost(listener.host)}:${listener.port}${extra}` : null;
  return [
    line('HTTP', 'http', sandbox.http, '  (UI and API)'),
    line('SMTP', 'smtp', sandbox.smtp),
    line('SMTPS', 'smtps', sandbox.smtps),
    line('IMAP', 'imap', sandbox.imap),
    line('IMAPS', 'imaps', sandbox.imaps),
    line('POP3', 'pop3', sandbox.pop3),
    line('POP3S', 'pop3s', sandbox.pop3s),
  ].filter((l): l is string => l !== null);
}

/** Docker reads 0 as healthy and 1 as unhealthy (2 is reserved), so every outcome is one of those. */
async function runHealthcheck(argv: string[]): Promise<void> {
  const { healthcheck } = await import('./healthcheck.ts');
  let result;
  try {
    const action = parseCli(argv, process.env);
    result =
      action.kind === 'run'
        ? await healthcheck(action.config)
        : { healthy: false, line: "unhealthy: healthcheck takes the server's options (--host, --http-port or their env), nothing else" };
  } catch (err) {
    result = { healthy: false, line: `unhealthy: ${(err as Error).message}` };
  }
  (result.healthy ? process.stdout : process.stderr).write(result.line + '\n');
  process.exitCode = result.healthy ? 0 : 1;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'healthcheck') return runHealthcheck(argv.slice(1));
  let action;
  try {
    action = parseCli(argv, process.env);
  } catch (err) {
    if (err instanceof ConfigError) fatal(err.message, 2);
    throw err;
  }
  if (action.kind === 'help') return void process.stdout.write(helpText(VERSION) + '\n');
  if (action.kind === 'version') return void process.stdout.write(VERSION + '\n');

  const { start } = await import('./app.ts');
  let sandbox: Sandbox;
  try {
    sandbox = await start(action.config);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof ConfigError) fatal(err.message, 2);
    if (e.code === 'EADDRINUSE') fatal(`a port is already in use (${e.message}); choose another with the --*-port options`, 1);
    if (e.code === 'EACCES') fatal(`not allowed to bind (${e.message})`, 1);
    throw err;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: closing listeners\n`);
    setTimeout(() => process.exit(0), sandbox.config.shutdownGrace + SHUTDOWN_MARGIN_MS).unref();
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(`mailsandbox ${VERSION} is running\n${describe(sandbox).map((l) => '  ' + l).join('\n')}\n`);
}

main(process.argv.slice(2)).catch((err: Error) => fatal(`failed to start: ${err.message}`, 1));
