// ENABLE (RFC 5161, RFC 9051 6.3.1): CONDSTORE and QRESYNC (which implies CONDSTORE) change what
// this session is sent; IMAP4rev2 switches the session to RFC 9051 (see docs/imap.md). Other names
// are ignored. ENABLED names every known one asked for, again if it already was, as Dovecot does, in
// the capability's own spelling.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';

/** Upper-cased name (as the client may spell it) -> the capability's own spelling. */
const KNOWN = new Map([
  ['CONDSTORE', 'CONDSTORE'],
  ['QRESYNC', 'QRESYNC'],
  ['IMAP4REV2', 'IMAP4rev2'],
]);

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
    const { session } = ctx;
    const enabled: string[] = [];
    for (const name of new Set(command.capabilities)) {
      const capability = KNOWN.get(name);
      if (!capability) continue;
      if (capability === 'IMAP4rev2') session.imap4rev2 = true;
      else session.condstore = true;
      if (capability === 'QRESYNC') session.qresync = true;
      enabled.push(capability);
    }
    ctx.untagged(['ENABLED', ...enabled].join(' '));
  },
});
