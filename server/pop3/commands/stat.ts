// RFC 1939 5: STAT, the count and octets of the messages not marked deleted.
import { ok } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const STAT: Pop3Command = {
  name: 'STAT',
  states: ['TRANSACTION'],
  run(session) {
    const { count, octets } = session.maildrop.stat();
    return { reply: ok(`${count} ${octets}`) };
  },
};
