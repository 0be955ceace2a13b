// CLOSE (RFC 3501 6.4.2) removes \Deleted mail silently and leaves the mailbox.
import { DELETED } from '../../store/message.ts';
import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const close = defineCommand({
  name: 'CLOSE',
  access: 'selected',
  parse: noArguments('CLOSE'),
  handle(ctx) {
    const { view, readOnly } = ctx.selected;
    const doomed = readOnly ? [] : view.numbered.filter((m) => m.flags.has(DELETED) && !view.isRemoved(m.id)).map((m) => m.id);
    ctx.deselect();
    if (doomed.length) ctx.store.delete(doomed);
  },
});
