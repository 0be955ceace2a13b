// DELETE (RFC 3501 6.3.4). An address login deletes its own mail in the folder and its claim on the
// name; other logins' mail there stays.
import { defineCommand } from '../context.ts';
import { spaceMailbox } from '../parse/arguments.ts';

export const deleteMailbox = defineCommand({
  name: 'DELETE',
  access: 'authenticated',
  parse: (s) => ({ name: 'DELETE' as const, mailbox: spaceMailbox(s) }),
  handle(ctx, command) {
    ctx.store.deleteFolder(command.mailbox);
  },
});
