// EXPUNGE and UID EXPUNGE (RFC 4315): remove \Deleted mail; the session then reports each removal.
import { DELETED } from '../../store/message.ts';
import { SELECTED, selectedOf, type CommandSpec } from '../context.ts';
import { no } from '../errors.ts';
import { resolveSet } from '../selection.ts';

export const expunge: CommandSpec<'EXPUNGE'> = {
  names: ['EXPUNGE'],
  states: SELECTED,
  handle(ctx, command) {
    const { view, readOnly } = selectedOf(ctx);
    if (readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    const candidates = command.set ? resolveSet(view, command.set, true).map((seq) => view.numbered[seq - 1]) : view.numbered;
    const doomed = candidates.filter((m) => m.flags.has(DELETED) && !view.isRemoved(m.id)).map((m) => m.id);
    if (doomed.length) ctx.deps.store.delete(doomed);
  },
};
