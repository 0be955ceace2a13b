// ENABLE (RFC 5161): CONDSTORE and QRESYNC (which implies CONDSTORE) change what this session is
// sent; UTF8=ACCEPT (RFC 6855) makes mailbox names and strings UTF-8 both ways from the next command
// on; other names are ignored.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';

const KNOWN = new Set(['CONDSTORE', 'QRESYNC', 'UTF8=ACCEPT']);

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
    if (enabled.includes('CONDSTORE') || enabled.includes('QRESYNC')) ctx.session.condstore = true;
    if (enabled.includes('QRESYNC')) ctx.session.qresync = true;
    if (enabled.includes('UTF8=ACCEPT')) {
      ctx.session.utf8 = true;
      ctx.out.utf8 = true;
    }
    ctx.untagged(['ENABLED', ...enabled].join(' '));
  },
});
