// MOVE and UID MOVE (RFC 6851): COPYUID comes untagged, then the session reports the EXPUNGEs.
import { transfer } from '../activity.ts';
import { defineCommand } from '../context.ts';
import { no } from '../errors.ts';
import { copyArguments, copyUid, sourceMessages, targetFolder } from './copy.ts';

export const move = defineCommand({
  name: 'MOVE',
  access: 'selected',
  uidForm: true,
  parse: (s, uid) => copyArguments('MOVE', s, uid),
  handle(ctx, command) {
    if (ctx.selected.readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    const target = targetFolder(ctx, command.mailbox);
    const sources = sourceMessages(ctx, command.set, command.uid);
    const pairs = ctx.store.move(sources.map((message) => message.id), target.name);
    if (pairs.length) ctx.record.action(transfer('moved', pairs, target.name), pairs.flat());
    if (pairs.length) ctx.untagged(`OK [${copyUid(ctx, target, sources, pairs)}] Moved`);
  },
});
