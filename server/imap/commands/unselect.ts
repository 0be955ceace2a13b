// UNSELECT (RFC 3691): leaves the mailbox without removing anything.
import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const unselect = defineCommand({
  name: 'UNSELECT',
  access: 'selected',
  parse: noArguments('UNSELECT'),
  handle(ctx) {
    ctx.deselect();
  },
});
