// The bounds every POP3 session lives within. Tests pass smaller ones to startPop3Server.
export interface Pop3Limits {
  maxConnections: number;
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
  maxConnections: 200,
  idleTimeoutMs: 10 * 60_000,
  maxLineOctets: 1000,
  maxDiscardOctets: 64 * 1024,
  maxCommandsPerSession: 100_000,
  maxBadCommands: 20,
});
