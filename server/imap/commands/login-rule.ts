// The login rule shared by LOGIN and AUTHENTICATE: any password unless --mail-auth required; a user
// name with `@` sees only the mail it owns, any other name sees everything.
import { checkCredentials } from '../../auth.ts';
import type { CommandContext, Reply } from '../context.ts';
import { no } from '../errors.ts';

/** `actAs` is the login the session gets once the credentials check out (AUTHENTICATE's authzid); null refuses it. */
export function logIn(ctx: CommandContext, user: string, password: string, actAs: string | null = user): Reply {
  const { config } = ctx.deps;
  if (config.tlsRequired && !ctx.session.secure) throw no('log in after STARTTLS: this sandbox runs with --tls-required', 'PRIVACYREQUIRED');
  if (!user || !checkCredentials(config, config.mailAuth, user, password)) {
    throw no('invalid user name or password', 'AUTHENTICATIONFAILED');
  }
  if (actAs === null) throw no('not authorized to act as that user', 'AUTHORIZATIONFAILED');
  const login = ctx.logIn(actAs);
  ctx.deps.log.debug('IMAP login', { user: actAs, sees: login.address ?? 'all mail' });
  return { code: `CAPABILITY ${ctx.capabilities()}`, text: 'Logged in' };
}
