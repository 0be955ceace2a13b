// CANCELUPDATE (RFC 5267 4.5): stops the SEARCH RETURN (UPDATE) searches started under these tags.
import { defineCommand } from '../context.ts';
import { no } from '../errors.ts';
import { spaceSeparated } from '../parse/arguments.ts';

export interface CancelUpdateCommand {
  name: 'CANCELUPDATE';
  tags: string[];
}

export const cancelUpdate = defineCommand({
  name: 'CANCELUPDATE',
  access: 'selected',
  parse(s): CancelUpdateCommand {
    s.sp();
    return { name: 'CANCELUPDATE', tags: spaceSeparated(s, () => s.string()) };
  },
  handle(ctx, command) {
    const { searchUpdates } = ctx.selected;
    // Every tag is cancelled that can be; any that names no running search makes it a NO, as in Dovecot.
    const unknown = command.tags.filter((tag) => !searchUpdates.cancel(tag));
    if (unknown.length) throw no(`no search kept updated under ${unknown.join(', ')}`);
  },
});
