// What a parsed fault rule is. The text form and its one parser are in parse.ts.

export type FaultProtocol = 'smtp' | 'imap' | 'pop3';

/** POP3 response codes a fault may put on its -ERR (RFC 2449, RFC 3206). */
export type Pop3FaultCode = 'IN-USE' | 'SYS/TEMP' | 'SYS/PERM' | 'AUTH' | 'LOGIN-DELAY';

export type FaultAction =
  | { kind: 'reject'; code: number; text: string | null }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'discard' }
  | { kind: 'no'; code: string | null; text: string | null }
  | { kind: 'bad'; text: string | null }
  | { kind: 'bye'; text: string | null }
  | { kind: 'err'; code: Pop3FaultCode | null; text: string | null };

export type FaultMatch = { kind: 'glob'; pattern: string; regex: RegExp } | { kind: 'size'; op: '>' | '<'; bytes: number };

export interface FaultRule {
  /** The rule as written, the way the API and the logs name it. */
  readonly source: string;
  readonly protocol: FaultProtocol;
  /** connect, helo, auth, from, rcpt, size, header:<name> (SMTP); login, command (IMAP, POP3). Lower case. */
  readonly key: string;
  readonly match: FaultMatch;
  readonly action: FaultAction;
  /** Probability 0-1 that a match fires; 1 unless rate= is given. */
  readonly rate: number;
  /** The PRNG seed for rate; null when rate is 1 and no seed was given. */
  readonly seed: number | null;
  /** How many firings before the rule retires; null = no limit. */
  readonly times: number | null;
}

export class FaultRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultRuleError';
  }
}
