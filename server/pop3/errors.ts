// Every refusal is a Pop3Error; the session turns it, or any other failure, into -ERR here and
// nowhere else.
import type { Logger } from '../log.ts';
import { err, type Reply, type ResponseCode } from './reply.ts';

export class Pop3Error extends Error {
  constructor(
    message: string,
    readonly code?: ResponseCode,
  ) {
    super(message);
    this.name = 'Pop3Error';
  }
}

/** The [AUTH] refusal of USER/PASS, APOP and AUTH (RFC 3206): wrong credentials. */
export function isAuthenticationFailure(error: unknown): boolean {
  return error instanceof Pop3Error && error.code === 'AUTH';
}

export function errorReply(error: unknown, log: Logger): Reply {
  if (error instanceof Pop3Error) return err(error.message, error.code);
  log.error('POP3 command failed', { error: error instanceof Error ? error.message : String(error) });
  return err('internal error, the command was not carried out', 'SYS/TEMP');
}
