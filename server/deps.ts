import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import type { ProtocolMetrics } from './metrics/index.ts';
import type { MessageStore } from './store/index.ts';
import type { TlsMaterial } from './tls.ts';

/** What every protocol server is given by app.ts. */
export interface ServerDeps {
  store: MessageStore;
  config: Config;
  log: Logger;
  /** null: no certificate, so no STARTTLS/STLS is advertised and no implicit-TLS port starts. */
  tls: TlsMaterial | null;
  /** Where the server reports connections, commands and refusals (GET /metrics). */
  metrics?: ProtocolMetrics;
}

export interface ListenOptions {
  port: number;
  /** true for the 993/995-style ports where TLS starts before the greeting. */
  implicitTls: boolean;
}
