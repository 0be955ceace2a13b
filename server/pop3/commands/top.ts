// RFC 1939 7: TOP n lines, the header block, the blank line and the first `lines` lines of the
// body. It leaves the message unread.
import { findHeaderEnd } from '../../mail/mime-tree.ts';
import { Pop3Error } from '../errors.ts';
import { message } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const TOP: Pop3Command = {
  name: 'TOP',
  states: ['TRANSACTION'],
  run(session, args) {
    const match = /^(\S+) +(\d{1,10})$/.exec(args);
    if (!match) throw new Pop3Error('TOP needs a message number and a line count, e.g. TOP 1 10');
    const entry = session.maildrop.stored(match[1]);
    const raw = entry.message.content.raw;
    session.record.action(`TOP #${entry.message.id} (${match[2]} lines)`, [entry.message.id]);
    return { reply: message('top of message follows', raw.subarray(0, headAndLines(raw, Number(match[2])))) };
  },
};

/** Where the first `lines` body lines end. */
function headAndLines(raw: Buffer, lines: number): number {
  let end = findHeaderEnd(raw, 0, raw.length);
  for (let i = 0; i < lines && end < raw.length; i++) {
    const lf = raw.indexOf(10, end);
    end = lf === -1 ? raw.length : lf + 1;
  }
  return end;
}
