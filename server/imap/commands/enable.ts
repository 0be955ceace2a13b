// ENABLE (RFC 5161): CONDSTORE and QRESYNC (which implies CONDSTORE) change what this session is
// sent; other names are ignored.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';

const KNOWN = new Set(['CONDSTORE', 'QRESYNC']);

export const enable = defineCommand({
  name: 'ENABLE',
  access: 'authenticated',
  parse(s) {
    const capabilities: string[] = [];
    while (s.maybeSp()) capabilities.push(s.keyword());
    if (!capabilities.length) throw bad('ENABLE needs a capability');
    return { name: 'ENABLE' as const, capabilities };
  },
  handle(ctx, command) {
    const enabled = [...new Set(command.capabilities.filter((name) => KNOWN.has(name)))];
    if (enabled.length) ctx.session.condstore = true;
    if (enabled.includes('QRESYNC')) ctx.session.qresync = true;
    ctx.untagged(['ENABLED', ...enabled].join(' '));
  },
});
