// RENAME (RFC 3501 6.3.5), RENAME INBOX included. An address login moves only its own mail.
import { defineCommand } from '../context.ts';
import { refuseNonUnicodeName } from '../mailbox-name.ts';
import { mailbox } from '../parse/arguments.ts';

export const rename = defineCommand({
  name: 'RENAME',
  access: 'authenticated',
  parse(s) {
    s.sp();
    const from = mailbox(s);
    s.sp();
    return { name: 'RENAME' as const, from, to: mailbox(s) };
  },
  handle(ctx, command) {
    refuseNonUnicodeName(ctx.session, command.to);
    ctx.store.renameFolder(command.from, command.to);
  },
});
