// LSUB (RFC 3501 6.3.9): the login's subscribed folders that match the pattern.
import { decodeMailboxName } from '../mailbox-name.ts';
import { defineCommand } from '../context.ts';
import { listPattern } from '../parse/arguments.ts';
import { matchingFolders, writeListLine } from './list.ts';

export const lsub = defineCommand({
  name: 'LSUB',
  access: 'authenticated',
  parse(s) {
    s.sp();
    const reference = decodeMailboxName(s.astring());
    s.sp();
    return { name: 'LSUB' as const, reference, patterns: [listPattern(s)] };
  },
  handle(ctx, command) {
    for (const { folder } of matchingFolders(ctx, command.reference, command.patterns)) {
      if (ctx.store.isSubscribed(folder)) writeListLine(ctx, 'LSUB', [], folder);
    }
  },
});
