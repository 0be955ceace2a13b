// What the protocol servers report, as a thin interface: they count things, they never see prom-client.
import type { Socket } from 'node:net';

export type Protocol = 'smtp' | 'imap' | 'pop3' | 'http';

export interface ProtocolMetrics {
  /** A connection was accepted; it counts as open until the socket closes. */
  connected(socket: Socket): void;
  /** A command line was read: its verb, or `unknown` for one outside the protocol's own set (or that does not parse). */
  command(name: string): void;
  /** A login or AUTH was refused for wrong credentials. */
  authFailed(): void;
  /** A message came in over this protocol (SMTP DATA, IMAP APPEND). */
  received(): void;
}

export interface SmtpMetrics extends ProtocolMetrics {
  /** The server answered with a 4xx or 5xx reply. */
  rejected(code: number): void;
}

export interface HttpMetrics extends ProtocolMetrics {
  /** How many WebSocket clients are connected, read at every scrape. */
  countWebSocketClients(count: () => number): void;
  /** The Prometheus text exposition of every metric of this sandbox and of the process. */
  exposition(): Promise<{ contentType: string; body: string }>;
}
