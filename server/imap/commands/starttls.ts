import { NOT_AUTHENTICATED, type CommandSpec } from '../context.ts';
import { bad } from '../errors.ts';

export const starttls: CommandSpec<'STARTTLS'> = {
  names: ['STARTTLS'],
  states: NOT_AUTHENTICATED,
  handle(ctx) {
    if (!ctx.deps.tls) throw bad('STARTTLS is not available: no certificate configured');
    if (ctx.session.secure) throw bad('TLS is already active');
    ctx.afterReply(() => ctx.startTls());
    return { text: 'Begin TLS negotiation now' };
  },
};
