import { AUTHENTICATED, type CommandSpec } from '../context.ts';

export const rename: CommandSpec<'RENAME'> = {
  names: ['RENAME'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    ctx.deps.store.renameFolder(command.from, command.to);
  },
};
