// RFC 1939 5: DELE n marks a message; it leaves the store only at QUIT (and not at all with
// --pop3-delete off). RSET unmarks them all.
import { ok } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const DELE: Pop3Command = {
  name: 'DELE',
  states: ['TRANSACTION'],
  run(session, args) {
    const entry = session.maildrop.entry(args);
    session.maildrop.markDeleted(entry);
    session.record.action(`marked #${entry.message.id} for deletion (DELE)`, [entry.message.id]);
    return { reply: ok(`message ${entry.number} deleted`) };
  },
};

export const RSET: Pop3Command = {
  name: 'RSET',
  states: ['TRANSACTION'],
  run(session) {
    session.maildrop.reset();
    const { count, octets } = session.maildrop.stat();
    return { reply: ok(`maildrop has ${count} messages (${octets} octets)`) };
  },
};
