import { ANY_STATE, type CommandSpec } from '../context.ts';

export const capability: CommandSpec<'CAPABILITY'> = {
  names: ['CAPABILITY'],
  states: ANY_STATE,
  handle(ctx) {
    ctx.untagged(`CAPABILITY ${ctx.capabilities()}`);
  },
};
