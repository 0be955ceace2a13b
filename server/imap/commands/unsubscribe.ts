// UNSUBSCRIBE (RFC 3501 6.3.7): the folder stays; LSUB stops listing it for this login.
import { defineCommand } from '../context.ts';
import { spaceMailbox } from '../parse/arguments.ts';

export const unsubscribe = defineCommand({
  name: 'UNSUBSCRIBE',
  access: 'authenticated',
  parse: (s) => ({ name: 'UNSUBSCRIBE' as const, mailbox: spaceMailbox(s) }),
  handle(ctx, command) {
    ctx.store.setSubscribed(command.mailbox, false);
  },
});
