// The shape of a POP3 command handler and what it may see of its session.
import type { ProtocolDeps } from '../../deps.ts';
import type { Maildrop } from '../maildrop.ts';
import type { Reply } from '../reply.ts';

/** RFC 1939 3. UPDATE is entered by QUIT and left by closing the connection. */
export type SessionState = 'AUTHORIZATION' | 'TRANSACTION' | 'UPDATE';

export interface Outcome {
  reply: Reply;
  /** What the connection does once the reply is written; `drop` closes at once and writes nothing (a fault rule). */
  after?: 'close' | 'start-tls' | 'drop';
  /** A fault rule's delay: nothing is written now; after `ms` the connection carries on with `next()`'s outcome. */
  later?: { ms: number; next: () => Outcome };
  /** The next line is not a command but this exchange's answer (a SASL response). */
  continuation?: (line: string) => Outcome;
}

export interface SessionContext {
  readonly deps: ProtocolDeps;
  readonly state: SessionState;
  /** STLS may be offered: a certificate is configured and the connection is not encrypted yet. */
  readonly canStartTls: boolean;
  /** --tls-required and the connection is not encrypted yet: no command that sends credentials. */
  readonly loginNeedsTls: boolean;
  /** The <...> of the greeting, the salt of APOP digests. */
  readonly apopTimestamp: string;
  /** The name a USER gave, waiting for PASS. */
  pendingUser: string | null;
  /** The maildrop of the logged-in user; only TRANSACTION commands touch it. */
  readonly maildrop: Maildrop;
  /** Takes the maildrop snapshot and enters TRANSACTION; credentials are checked before. */
  logIn(user: string): Outcome;
  /** QUIT in TRANSACTION: enters UPDATE and removes the marked messages. */
  update(): Outcome;
}

export interface Pop3Command {
  readonly name: string;
  readonly states: readonly SessionState[];
  /** Carries a user name or password, so it waits for STLS under --tls-required. */
  readonly sendsCredentials?: true;
  run(session: SessionContext, args: string): Outcome;
}
