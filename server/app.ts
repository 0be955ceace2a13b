// start(config) wires the store to every listener; the CLI and embedding test suites both use it.
import { ConfigError, resolveConfig, type Config } from './config.ts';
import type { ServerDeps } from './deps.ts';
import { FaultRuleError, Faults } from './faults/index.ts';
import { startHttpServer } from './http/server.ts';
import { startImapServer } from './imap/server.ts';
import type { RunningListener } from './listener.ts';
import { urlHost } from './listener.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics } from './metrics/index.ts';
import { Relay } from './relay/relay.ts';
import { Webhooks } from './webhooks/webhooks.ts';
import { startPop3Server } from './pop3/server.ts';
import { startSmtpServer } from './smtp/server.ts';
import { MessageStore, waitForMessage, type StoredMessage, type WaitFilter } from './store/index.ts';
import { loadTls } from './tls.ts';
import type { ListenerInfo } from './types.ts';
import { VERSION } from './version.ts';

export interface StartOptions extends Partial<Config> {
  /** Where logs go; by default stderr at config.logLevel. */
  logger?: Logger;
}

export interface Sandbox {
  config: Config;
  store: MessageStore;
  smtp: ListenerInfo | null;
  http: ListenerInfo | null;
  imap: ListenerInfo | null;
  pop3: ListenerInfo | null;
  smtps: ListenerInfo | null;
  imaps: ListenerInfo | null;
  pop3s: ListenerInfo | null;
  /** The live fault rules: set() replaces them (and resets counters and seeds), add(), clear(), snapshot(). */
  faults: Faults;
  /** Base URL of the UI and API, e.g. http://127.0.0.1:8025 (null when HTTP is off). */
  url: string | null;
  waitForMessage(filter?: WaitFilter, options?: { timeout?: number; signal?: AbortSignal }): Promise<StoredMessage>;
  close(): Promise<void>;
}

type Name = 'smtp' | 'smtps' | 'http' | 'imap' | 'pop3' | 'imaps' | 'pop3s';

export async function start(options: StartOptions = {}): Promise<Sandbox> {
  const { logger, ...overrides } = options;
  const config = resolveConfig(overrides);
  const log = logger ?? createLogger(config.logFormat, config.logLevel);
  const store = new MessageStore({ maxMessages: config.maxMessages, maxBytes: config.maxBytes });
  const tls = await loadTls(config);
  const metrics = createMetrics(store);
  const faults = createFaults(config, log);
  const deps: ServerDeps = { store, config, log, tls, faults };
  const relay = new Relay(config.relay, config.relayAllow, log.child('relay'));
  const webhooks = config.webhooks.length
    ? new Webhooks(store, { urls: config.webhooks, delayMs: config.webhookDelay, log: log.child('webhook'), metrics: metrics.webhooks, userAgent: `mailsandbox/${VERSION}` })
    : null;
  const running: Partial<Record<Name, RunningListener>> = {};
  const info = (name: Name): ListenerInfo | null => {
    const listener = running[name];
    return listener ? { host: listener.host, port: listener.port } : null;
  };

  const starters: Array<[Name, number | null, (port: number) => Promise<RunningListener | null>]> = [
    ['smtp', config.smtpPort, (port) => startSmtpServer({ ...deps, log: log.child('smtp'), metrics: metrics.smtp }, { port, implicitTls: false })],
    ['smtps', tls ? config.smtpsPort : null, (port) => startSmtpServer({ ...deps, log: log.child('smtps'), metrics: metrics.smtp }, { port, implicitTls: true })],
    ['imap', config.imapPort, (port) => startImapServer({ ...deps, log: log.child('imap'), metrics: metrics.imap }, { port, implicitTls: false })],
    ['imaps', tls ? config.imapsPort : null, (port) => startImapServer({ ...deps, log: log.child('imaps'), metrics: metrics.imap }, { port, implicitTls: true })],
    ['pop3', config.pop3Port, (port) => startPop3Server({ ...deps, log: log.child('pop3'), metrics: metrics.pop3 }, { port, implicitTls: false })],
    ['pop3s', tls ? config.pop3sPort : null, (port) => startPop3Server({ ...deps, log: log.child('pop3s'), metrics: metrics.pop3 }, { port, implicitTls: true })],
    [
      'http',
      config.httpPort,
      (port) =>
        startHttpServer(
          { ...deps, log: log.child('http'), metrics: metrics.http, relay, version: VERSION, listeners: () => ({ smtp: info('smtp'), imap: info('imap'), pop3: info('pop3') }) },
          port,
        ),
    ],
  ];

  const closeAll = async () => {
    await Promise.all(Object.values(running).map((listener) => listener.close()));
    webhooks?.close();
    metrics.close();
  };

  try {
    for (const [name, port, startOne] of starters) {
      if (port === null) continue;
      const listener = await startOne(port);
      if (listener) running[name] = listener;
    }
  } catch (err) {
    await closeAll();
    throw err;
  }

  const http = info('http');
  let closed: Promise<void> | null = null;
  return {
    config,
    store,
    smtp: info('smtp'),
    http,
    imap: info('imap'),
    pop3: info('pop3'),
    smtps: info('smtps'),
    imaps: info('imaps'),
    pop3s: info('pop3s'),
    faults,
    url: http ? `http://${urlHost(http.host)}:${http.port}` : null,
    waitForMessage: (filter = {}, waitOptions) => waitForMessage(store, filter, waitOptions),
    close: () => (closed ??= closeAll()),
  };
}

/** start({ faults }) is not read through the CLI parser, so its rules are checked here, as config. */
function createFaults(config: Config, log: Logger): Faults {
  try {
    return new Faults(config.faults, log.child('faults'));
  } catch (err) {
    throw err instanceof FaultRuleError ? new ConfigError(err.message) : err;
  }
}

export type { Config } from './config.ts';
export type { FaultsSnapshot } from './faults/index.ts';
export type { WaitFilter, StoredMessage } from './store/index.ts';
export { MessageStore } from './store/index.ts';
export type * from './types.ts';
