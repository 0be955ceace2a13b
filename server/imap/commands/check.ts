// CHECK (RFC 3501 6.4.1): nothing to write to disk, the store is in memory; the session reports
// mailbox changes after it as after every command. RFC 9051 removed it (Appendix E 17): a session
// that enabled IMAP4rev2 is refused it, as a server without it would.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';

export const check = defineCommand({
  name: 'CHECK',
  access: 'selected',
  parse(s) {
    if (s.imap4rev2) throw bad('CHECK is not part of IMAP4rev2 (RFC 9051 Appendix E 17): use NOOP');
    return { name: 'CHECK' as const };
  },
  handle() {},
});
