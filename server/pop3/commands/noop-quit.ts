// RFC 1939 NOOP, and QUIT: before login it just closes; after login it enters UPDATE, where the
// marked messages are removed. A connection that drops without QUIT removes nothing.
import { ok } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const NOOP: Pop3Command = {
  name: 'NOOP',
  states: ['TRANSACTION'],
  run: () => ({ reply: ok() }),
};

export const QUIT: Pop3Command = {
  name: 'QUIT',
  states: ['AUTHORIZATION', 'TRANSACTION'],
  run(session) {
    if (session.state === 'TRANSACTION') return session.update();
    session.record.ending('quit');
    return { reply: ok('mailsandbox POP3 signing off'), after: 'close' };
  },
};
