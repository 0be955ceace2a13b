// RFC 1939 5: RETR n, the whole message, which then counts as read (\Seen, as the UI and IMAP show
// it) unless --pop3-mark-seen off.
import { SEEN } from '../../store/index.ts';
import { message } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const RETR: Pop3Command = {
  name: 'RETR',
  states: ['TRANSACTION'],
  run(session, args) {
    const entry = session.maildrop.stored(args);
    const { store, config } = session.deps;
    if (config.pop3MarkSeen && !entry.message.flags.has(SEEN)) store.setFlags([entry.message.id], 'add', [SEEN]);
    return { reply: message(`${entry.size} octets`, entry.message.content.raw) };
  },
};
