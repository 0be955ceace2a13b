// MOVE and UID MOVE (RFC 6851): COPYUID comes untagged, then the session reports the EXPUNGEs.
import { defineCommand } from '../context.ts';
import { no } from '../errors.ts';
import { copyArguments, copyUid, sourceIds, targetFolder } from './copy.ts';

export const move = defineCommand({
  name: 'MOVE',
  access: 'selected',
  uidForm: true,
  parse: (s, uid) => copyArguments('MOVE', s, uid),
  handle(ctx, command) {
    if (ctx.selected.readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    const target = targetFolder(ctx, command.mailbox);
    const pairs = ctx.store.move(sourceIds(ctx, command.set, command.uid), target.name);
    if (pairs.length) ctx.untagged(`OK [${copyUid(target, pairs)}] Moved`);
  },
});
