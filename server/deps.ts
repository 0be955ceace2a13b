import type { Config } from './config.ts';
import type { Faults } from './faults/index.ts';
import type { Logger } from './log.ts';
import type { ProtocolMetrics } from './metrics/index.ts';
import type { MessageStore } from './store/index.ts';
import type { TlsMaterial } from './tls.ts';

/** What a protocol's commands may use besides their login's store. */
export interface ProtocolDeps {
  config: Config;
  log: Logger;
  /** null: no certificate, so no STARTTLS/STLS is advertised and no implicit-TLS port starts. */
  tls: TlsMaterial | null;
  /** Where the server reports connections, commands and refusals (GET /metrics). */
  metrics?: ProtocolMetrics;
}

/** What every protocol server is given by app.ts. Its sessions hand commands a LoginStore, never `store`. */
export interface ServerDeps extends ProtocolDeps {
  store: MessageStore;
  /** The fault rules sessions ask at their decision points; absent in tests that build a server alone. */
  faults?: Faults;
}

/** The deps without the store, as a new object: a command cannot reach the store through it. */
export function protocolDeps({ config, log, tls, metrics }: ServerDeps): ProtocolDeps {
  return { config, log, tls, metrics };
}

export interface ListenOptions {
  port: number;
  /** true for the 993/995-style ports where TLS starts before the greeting. */
  implicitTls: boolean;
}
