import { AUTHENTICATED, type CommandSpec } from '../context.ts';

export const subscribe: CommandSpec<'SUBSCRIBE' | 'UNSUBSCRIBE'> = {
  names: ['SUBSCRIBE', 'UNSUBSCRIBE'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    ctx.deps.store.setSubscribed(command.mailbox, command.name === 'SUBSCRIBE');
  },
};
