// RFC 5034 AUTH with the one SASL mechanism worth having on a sandbox, PLAIN (RFC 4616): the
// response may come on the command line ("=" for empty) or after a "+ " challenge; "*" cancels.
import { decodePlain, plainLogin } from '../../auth.ts';
import { Pop3Error } from '../errors.ts';
import { continuation, listing } from '../reply.ts';
import { authFailure, checkPassword } from './authenticate.ts';
import type { Outcome, Pop3Command, SessionContext } from './command.ts';

export const MECHANISMS = ['PLAIN'] as const;

export const AUTH: Pop3Command = {
  name: 'AUTH',
  states: ['AUTHORIZATION'],
  sendsCredentials: true,
  run(session, args) {
    // Some old clients send a bare AUTH to list the mechanisms (an early draft of RFC 5034).
    if (!args) return { reply: listing('SASL mechanisms follow', MECHANISMS) };
    const [mechanism, initial, ...rest] = args.split(/ +/);
    if (mechanism.toUpperCase() !== 'PLAIN') throw new Pop3Error(`unsupported mechanism ${mechanism.slice(0, 40)}; use PLAIN`);
    if (rest.length) throw new Pop3Error('AUTH PLAIN takes at most one initial response');
    if (initial === undefined) return { reply: continuation(), continuation: (line) => plainResponse(session, line) };
    return plainResponse(session, initial === '=' ? '' : initial);
  },
};

function plainResponse(session: SessionContext, line: string): Outcome {
  const text = line.trim();
  if (text === '*') throw new Pop3Error('authentication cancelled');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new Pop3Error('the PLAIN response is not base64');
  const credentials = decodePlain(text);
  if (!credentials) throw new Pop3Error('the PLAIN response is not authzid NUL authcid NUL password');
  checkPassword(session, credentials.authcid, credentials.password);
  const user = plainLogin(session.deps.config.mailAuth, credentials);
  if (user === null) throw authFailure();
  return session.logIn(user);
}
