// AUTHENTICATE PLAIN (RFC 4616), with the initial response on the command line (SASL-IR) or after `+`.
// The response is read, and its authzid honoured, as POP3 AUTH PLAIN does (server/auth.ts).
import { decodePlain, plainLogin } from '../../auth.ts';
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
  const credentials = decodePlain(base64);
  if (!credentials) throw bad('malformed PLAIN response');
  return logIn(ctx, credentials.authcid, credentials.password, plainLogin(ctx.deps.config.mailAuth, credentials));
}
