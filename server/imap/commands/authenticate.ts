// AUTHENTICATE PLAIN (RFC 4616), with the initial response on the command line (SASL-IR) or after `+`.
import { NOT_AUTHENTICATED, type CommandContext, type CommandSpec, type Reply } from '../context.ts';
import { bad, no } from '../errors.ts';
import { logIn } from './log-in.ts';

export const authenticate: CommandSpec<'AUTHENTICATE'> = {
  names: ['AUTHENTICATE'],
  states: NOT_AUTHENTICATED,
  handle(ctx, command) {
    if (command.mechanism !== 'PLAIN') throw no(`unsupported mechanism ${command.mechanism}`, 'CANNOT');
    if (command.initialResponse !== null) return plain(ctx, command.initialResponse);
    return ctx.awaitLine('', (line) => {
      const text = line.toString('latin1').trim();
      if (text === '*') throw bad('authentication cancelled');
      return plain(ctx, text);
    });
  },
};

function plain(ctx: CommandContext, base64: string): Reply {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw bad('invalid base64 in PLAIN response');
  const [, user, password] = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  if (user === undefined || password === undefined) throw bad('malformed PLAIN response');
  return logIn(ctx, user, password);
}
