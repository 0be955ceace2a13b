// DELETE (RFC 3501 6.3.4). A folder with children stays as their \Noselect level; a level can be
// deleted once nothing lies below it. Subscriptions stay (RFC 3501 6.3.9). An address login deletes
// its own mail in the folder and its claim on the name; other logins' mail there stays.
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
