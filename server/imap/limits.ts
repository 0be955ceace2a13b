// The bounds every IMAP connection lives within. Tests pass smaller ones to startImapServer.
import type { Config } from '../config.ts';

export interface ImapLimits {
  maxConnections: number;
  /** Connections one client address may hold at once. */
  maxConnectionsPerIp: number;
  /** Before LOGIN: counted from connect, and no traffic extends it. */
  unauthenticatedTimeoutMs: number;
  /** RFC 3501 5.4: the autologout timer, at least 30 minutes, once logged in (IDLE included). */
  authenticatedTimeoutMs: number;
  /** Largest literal before login: LOGIN and AUTHENTICATE need little, and nothing else is allowed yet. */
  maxLiteralBeforeLogin: number;
}

export const DEFAULT_LIMITS: ImapLimits = Object.freeze({
  maxConnections: 500,
  maxConnectionsPerIp: 100,
  unauthenticatedTimeoutMs: 30_000,
  authenticatedTimeoutMs: 30 * 60_000,
  maxLiteralBeforeLogin: 8 * 1024,
});

export function imapLimits(config: Config): ImapLimits {
  return Object.freeze({
    ...DEFAULT_LIMITS,
    maxConnections: config.maxConnections,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    unauthenticatedTimeoutMs: config.loginTimeout,
  });
}
