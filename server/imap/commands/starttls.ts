import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import { noArguments } from '../parse/arguments.ts';

export const starttls = defineCommand({
  name: 'STARTTLS',
  access: 'not-authenticated',
  parse: noArguments('STARTTLS'),
  handle(ctx) {
    if (!ctx.deps.tls) throw bad('STARTTLS is not available: no certificate configured');
    if (ctx.session.secure) throw bad('TLS is already active');
    ctx.afterReply(() => ctx.startTls());
    return { text: 'Begin TLS negotiation now' };
  },
});
