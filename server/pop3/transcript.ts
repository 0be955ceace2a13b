// A POP3 reply as transcript lines: status and listing lines as they are; the message data of
// RETR and TOP (every chunk after the status line) as {N bytes}, never copied. A LIST of a large
// maildrop is read line by line only until the transcript is full.
import type { SessionRecorder } from '../sessions/index.ts';
import type { Reply } from './reply.ts';

const TERMINATOR = 3; // ".\r\n"
const LF = 10;

export function recordReply(record: SessionRecorder, reply: Reply): void {
  const [first, ...data] = reply;
  for (let start = 0; start < first.length && record.wantsLines; ) {
    const lf = first.indexOf(LF, start);
    if (lf === -1) break;
    record.server(first.toString('utf8', start, first[lf - 1] === 13 ? lf - 1 : lf));
    start = lf + 1;
  }
  if (!data.length) return;
  const size = data.reduce((sum, chunk) => sum + chunk.length, 0) - TERMINATOR;
  record.server(`{${size} bytes}`);
  record.server('.');
}
