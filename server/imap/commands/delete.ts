import { AUTHENTICATED, type CommandSpec } from '../context.ts';

export const deleteMailbox: CommandSpec<'DELETE'> = {
  names: ['DELETE'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    ctx.deps.store.deleteFolder(command.mailbox);
  },
};
