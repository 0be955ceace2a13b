// RFC 1939 5: LIST [n] (sizes) and UIDL [n] (unique ids, which are the store's message ids: the
// same number as the REST id; IMAP UIDs count per folder instead).
import type { DropEntry } from '../maildrop.ts';
import { numberedRows, ok } from '../reply.ts';
import type { RowKind } from '../snapshot.ts';
import type { Pop3Command } from './command.ts';

function listingCommand(name: string, kind: RowKind, status: (stat: { count: number; octets: number }) => string): Pop3Command {
  const value = (entry: DropEntry) => (kind === 'size' ? entry.size : entry.message.id);
  return {
    name,
    states: ['TRANSACTION'],
    run(session, args) {
      const { maildrop } = session;
      if (args) {
        const entry = maildrop.entry(args);
        return { reply: ok(`${entry.number} ${value(entry)}`) };
      }
      return { reply: numberedRows(status(maildrop.stat()), maildrop.rows(kind)) };
    },
  };
}

export const LIST = listingCommand('LIST', 'size', ({ count, octets }) => `${count} messages (${octets} octets)`);
export const UIDL = listingCommand('UIDL', 'id', ({ count }) => `${count} unique ids`);
