// RFC 1939 7: APOP name digest, digest = MD5(greeting timestamp + password) in lower-case hex. It
// needs the password in clear, so with --mail-auth required only --users logins can use it; with
// any password allowed, any digest is.
import { createHash, timingSafeEqual } from 'node:crypto';
import { passwordOf } from '../../auth.ts';
import { Pop3Error } from '../errors.ts';
import { authFailure } from './authenticate.ts';
import type { Pop3Command } from './command.ts';

export const APOP: Pop3Command = {
  name: 'APOP',
  states: ['AUTHORIZATION'],
  sendsCredentials: true,
  run(session, args) {
    const match = /^(\S+) +([0-9a-fA-F]{32})$/.exec(args);
    if (!match) throw new Pop3Error('APOP needs a name and a 32-digit hex MD5 digest');
    const [, user, digest] = match;
    const { config } = session.deps;
    if (config.mailAuth === 'required') {
      const password = passwordOf(config, user);
      if (password === null) throw authFailure();
      const expected = createHash('md5').update(session.apopTimestamp + password).digest();
      if (!timingSafeEqual(expected, Buffer.from(digest, 'hex'))) throw authFailure();
    }
    return session.logIn(user);
  },
};
