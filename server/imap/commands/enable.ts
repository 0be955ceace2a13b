// ENABLE (RFC 5161): CONDSTORE is the one extension that needs enabling here; others are ignored.
import { AUTHENTICATED, type CommandSpec } from '../context.ts';

export const enable: CommandSpec<'ENABLE'> = {
  names: ['ENABLE'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const enabled = command.capabilities.filter((name) => name === 'CONDSTORE');
    if (enabled.length) ctx.session.condstore = true;
    ctx.untagged(['ENABLED', ...enabled].join(' '));
  },
};
