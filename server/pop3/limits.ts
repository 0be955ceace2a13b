// The bounds every POP3 session lives within. Tests pass smaller ones to startPop3Server.
import type { Config } from '../config.ts';

export interface Pop3Limits {
  maxConnections: number;
  /** Connections one client address may hold at once. */
  maxConnectionsPerIp: number;
  /** From connect to a login; no traffic extends it. */
  loginTimeoutMs: number;
  /** RFC 1939 3: the autologout timer, at least 10 minutes. */
  idleTimeoutMs: number;
  /** Longest command line, CRLF not counted. RFC 2449 allows 255 octets; clients sending long SASL lines get some slack. */
  maxLineOctets: number;
  /** An over-long line is skipped with -ERR; one longer than this closes the connection. */
  maxDiscardOctets: number;
  maxCommandsPerSession: number;
  /** Unknown commands and commands in the wrong state before the connection is closed. */
  maxBadCommands: number;
}

export const DEFAULT_LIMITS: Pop3Limits = Object.freeze({
  maxConnections: 500,
  maxConnectionsPerIp: 100,
  loginTimeoutMs: 30_000,
  idleTimeoutMs: 10 * 60_000,
  maxLineOctets: 1000,
  maxDiscardOctets: 64 * 1024,
  maxCommandsPerSession: 100_000,
  maxBadCommands: 20,
});

export function pop3Limits(config: Config): Pop3Limits {
  return Object.freeze({
    ...DEFAULT_LIMITS,
    maxConnections: config.maxConnections,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    loginTimeoutMs: config.loginTimeout,
  });
}
