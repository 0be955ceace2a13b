// A POP3 reply as transcript lines: status and listing lines as they are; the message data of
// RETR and TOP (every chunk after the status line) as {N bytes}, never copied.
import type { SessionRecorder } from '../sessions/index.ts';
import type { Reply } from './reply.ts';

const TERMINATOR = 3; // ".\r\n"

export function recordReply(record: SessionRecorder, reply: Reply): void {
  const [first, ...data] = reply;
  const lines = first.toString('utf8').split('\r\n');
  lines.pop();
  for (const line of lines) record.server(line);
  if (!data.length) return;
  const size = data.reduce((sum, chunk) => sum + chunk.length, 0) - TERMINATOR;
  record.server(`{${size} bytes}`);
  record.server('.');
}
