import { DELIMITER } from '../../store/folders.ts';
import { AUTHENTICATED, type CommandSpec } from '../context.ts';

export const create: CommandSpec<'CREATE'> = {
  names: ['CREATE'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    // A trailing delimiter only says the client means to create children under it (RFC 3501 6.3.3).
    const name = command.mailbox.endsWith(DELIMITER) ? command.mailbox.slice(0, -1) : command.mailbox;
    ctx.deps.store.createFolder(name);
  },
};
