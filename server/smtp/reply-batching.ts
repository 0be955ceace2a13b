// smtp-server writes each reply with its own socket.write, so a client that pipelines MAIL, RCPT and
// DATA (nodemailer does, like most) costs three write syscalls, and as many wake-ups on its side,
// where one would do. This corks the socket at the first write of a tick and uncorks it once the
// tick is over: every reply smtp-server produces while working through one chunk of commands goes
// out in one write, no later than it would have otherwise.
// A 220 goes out at once, with anything corked before it: after STARTTLS's 220 smtp-server hands
// the socket to TLS in the same tick, and the plaintext reply should not wait on how Node orders
// a corked write against that handoff (test/smtp-reply-batching.test.ts pipelines STARTTLS).
import type { Socket } from 'node:net';

export function batchReplies(socket: Socket): void {
  const write = socket.write;
  let corked = false;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    socket.uncork();
  };
  socket.write = function batchedWrite(this: Socket, chunk: unknown, encoding?: unknown, callback?: unknown) {
    if (typeof chunk === 'string' && chunk.startsWith('220')) uncork();
    else if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return (write as (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean).call(this, chunk, encoding, callback);
  } as Socket['write'];
}
