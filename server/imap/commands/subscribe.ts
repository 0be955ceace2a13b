// SUBSCRIBE (RFC 3501 6.3.6): subscriptions belong to the login.
import { defineCommand } from '../context.ts';
import { spaceMailbox } from '../parse/arguments.ts';

export const subscribe = defineCommand({
  name: 'SUBSCRIBE',
  access: 'authenticated',
  parse: (s) => ({ name: 'SUBSCRIBE' as const, mailbox: spaceMailbox(s) }),
  handle(ctx, command) {
    ctx.store.setSubscribed(command.mailbox, true);
  },
});
