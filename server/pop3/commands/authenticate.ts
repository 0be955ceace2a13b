// The one credential check behind USER/PASS and AUTH PLAIN: any password unless
// --mail-auth required, then only --users. A failure says [AUTH] (RFC 3206) so clients ask again.
import { checkCredentials } from '../../auth.ts';
import { Pop3Error } from '../errors.ts';
import type { SessionContext } from './command.ts';

export function checkPassword(session: SessionContext, user: string, password: string): void {
  const { config } = session.deps;
  if (!checkCredentials(config, config.mailAuth, user, password)) throw authFailure();
}

export function authFailure(): Pop3Error {
  return new Pop3Error('invalid user name or password', 'AUTH');
}
