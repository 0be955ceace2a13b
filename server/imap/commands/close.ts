// CLOSE removes \Deleted mail silently and leaves the mailbox; UNSELECT (RFC 3691) just leaves.
import { DELETED } from '../../store/message.ts';
import { SELECTED, selectedOf, type CommandSpec } from '../context.ts';

export const close: CommandSpec<'CLOSE'> = {
  names: ['CLOSE'],
  states: SELECTED,
  handle(ctx) {
    const { view, readOnly } = selectedOf(ctx);
    const doomed = readOnly ? [] : view.numbered.filter((m) => m.flags.has(DELETED) && !view.isRemoved(m.id)).map((m) => m.id);
    ctx.deselect();
    if (doomed.length) ctx.deps.store.delete(doomed);
  },
};

export const unselect: CommandSpec<'UNSELECT'> = {
  names: ['UNSELECT'],
  states: SELECTED,
  handle(ctx) {
    ctx.deselect();
  },
};
