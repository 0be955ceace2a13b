// RFC 1939 5: RETR n, the whole message, which then counts as read (\Seen, as the UI and IMAP show
// it) unless --pop3-mark-seen off.
import { message } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const RETR: Pop3Command = {
  name: 'RETR',
  states: ['TRANSACTION'],
  run(session, args) {
    const entry = session.maildrop.stored(args);
    if (session.deps.config.pop3MarkSeen) session.maildrop.markSeen(entry);
    return { reply: message(`${entry.size} octets`, entry.message.content.raw) };
  },
};
