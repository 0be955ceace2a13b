// The bounds every IMAP connection lives within. Tests pass smaller ones to startImapServer.
export interface ImapLimits {
  maxConnections: number;
  /** Before LOGIN a silent peer is dropped soon. */
  unauthenticatedTimeoutMs: number;
  /** RFC 3501 5.4: the autologout timer, at least 30 minutes, once logged in (IDLE included). */
  authenticatedTimeoutMs: number;
}

export const DEFAULT_LIMITS: ImapLimits = Object.freeze({
  maxConnections: 500,
  unauthenticatedTimeoutMs: 60_000,
  authenticatedTimeoutMs: 30 * 60_000,
});
