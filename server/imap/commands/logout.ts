import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const logout = defineCommand({
  name: 'LOGOUT',
  access: 'any',
  parse: noArguments('LOGOUT'),
  handle(ctx) {
    ctx.untagged('BYE mailsandbox logging out');
    ctx.afterReply(() => ctx.end());
  },
});
