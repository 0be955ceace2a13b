// MOVE and UID MOVE (RFC 6851): COPYUID comes untagged, then the session reports the EXPUNGEs.
import { SELECTED, selectedOf, type CommandSpec } from '../context.ts';
import { no } from '../errors.ts';
import { copyUid, sourceIds, targetFolder } from './copy.ts';

export const move: CommandSpec<'MOVE'> = {
  names: ['MOVE'],
  states: SELECTED,
  handle(ctx, command) {
    if (selectedOf(ctx).readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    const target = targetFolder(ctx, command.mailbox);
    const pairs = ctx.deps.store.move(sourceIds(ctx, command.set, command.uid), target.name);
    if (pairs.length) ctx.untagged(`OK [${copyUid(target, pairs)}] Moved`);
  },
};
