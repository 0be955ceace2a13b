// ENABLE (RFC 5161): CONDSTORE and QRESYNC (which implies CONDSTORE) change what this session is
// sent; other names are ignored.
import { AUTHENTICATED, type CommandSpec } from '../context.ts';

const KNOWN = new Set(['CONDSTORE', 'QRESYNC']);

export const enable: CommandSpec<'ENABLE'> = {
  names: ['ENABLE'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const enabled = [...new Set(command.capabilities.filter((name) => KNOWN.has(name)))];
    if (enabled.length) ctx.session.condstore = true;
    if (enabled.includes('QRESYNC')) ctx.session.qresync = true;
    ctx.untagged(['ENABLED', ...enabled].join(' '));
  },
};
