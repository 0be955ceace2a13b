// RFC 1939 7: USER name, then PASS password (which may contain spaces).
import { Pop3Error } from '../errors.ts';
import { ok } from '../reply.ts';
import { checkPassword } from './authenticate.ts';
import type { Pop3Command } from './command.ts';

export const USER: Pop3Command = {
  name: 'USER',
  states: ['AUTHORIZATION'],
  sendsCredentials: true,
  run(session, args) {
    if (!args) throw new Pop3Error('USER needs a name, e.g. USER alice@example.com (only her mail) or USER any (all mail)');
    session.pendingUser = args;
    return { reply: ok(`send PASS for ${args}`) };
  },
};

export const PASS: Pop3Command = {
  name: 'PASS',
  states: ['AUTHORIZATION'],
  sendsCredentials: true,
  run(session, args) {
    const user = session.pendingUser;
    if (user === null) throw new Pop3Error('send USER first');
    session.pendingUser = null;
    checkPassword(session, user, args);
    return session.logIn(user);
  },
};
