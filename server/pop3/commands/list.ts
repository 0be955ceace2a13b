// RFC 1939 5: LIST [n] (sizes) and UIDL [n] (unique ids, which are the store's message ids: the
// same number as the IMAP UID and the REST id).
import { listing, ok } from '../reply.ts';
import type { DropEntry } from '../maildrop.ts';
import type { Pop3Command } from './command.ts';

function listingCommand(
  name: string,
  status: (stat: { count: number; octets: number }) => string,
  describe: (entry: DropEntry) => string | number,
): Pop3Command {
  return {
    name,
    states: ['TRANSACTION'],
    run(session, args) {
      const { maildrop } = session;
      if (args) {
        const entry = maildrop.entry(args);
        return { reply: ok(`${entry.number} ${describe(entry)}`) };
      }
      const lines: string[] = [];
      for (const entry of maildrop.visible()) lines.push(`${entry.number} ${describe(entry)}`);
      return { reply: listing(status(maildrop.stat()), lines) };
    },
  };
}

export const LIST = listingCommand('LIST', ({ count, octets }) => `${count} messages (${octets} octets)`, (entry) => entry.size);
export const UIDL = listingCommand('UIDL', ({ count }) => `${count} unique ids`, (entry) => entry.message.id);
