// AUTHENTICATE PLAIN (RFC 4616), with the initial response on the command line (SASL-IR) or after `+`.
// The response is read, and its authzid honoured, as POP3 AUTH PLAIN does (server/auth.ts).
import { decodePlain, plainLogin } from '../../auth.ts';
import { defineCommand, type CommandContext, type Reply } from '../context.ts';
import { bad, no } from '../errors.ts';
import { logIn } from './login-rule.ts';

export interface AuthenticateCommand {
  name: 'AUTHENTICATE';
  mechanism: string;
  initialResponse: string | null;
}

export const authenticate = defineCommand({
  name: 'AUTHENTICATE',
  access: 'not-authenticated',
  parse(s): AuthenticateCommand {
    s.sp();
    const mechanism = s.keyword();
    let initialResponse: string | null = null;
    if (s.maybeSp()) initialResponse = s.at('=') ? (s.pos++, '') : s.atom();
    return { name: 'AUTHENTICATE', mechanism, initialResponse };
  },
  handle(ctx, command) {
    if (command.mechanism !== 'PLAIN') throw no(`unsupported mechanism ${command.mechanism}`, 'CANNOT');
    if (command.initialResponse !== null) return plain(ctx, command.initialResponse);
    return ctx.awaitLine('', (line) => {
      const text = line.toString('latin1').trim();
      if (text === '*') throw bad('authentication cancelled');
      return plain(ctx, text);
    });
  },
});

function plain(ctx: CommandContext, base64: string): Reply {
  const credentials = decodePlain(base64);
  if (!credentials) throw bad('malformed PLAIN response');
  return logIn(ctx, credentials.authcid, credentials.password, plainLogin(ctx.deps.config.mailAuth, credentials));
}
