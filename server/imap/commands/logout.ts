import { ANY_STATE, type CommandSpec } from '../context.ts';

export const logout: CommandSpec<'LOGOUT'> = {
  names: ['LOGOUT'],
  states: ANY_STATE,
  handle(ctx) {
    ctx.untagged('BYE mailsandbox logging out');
    ctx.afterReply(() => ctx.end());
  },
};
