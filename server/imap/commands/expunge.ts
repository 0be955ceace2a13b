// EXPUNGE and UID EXPUNGE (RFC 4315): remove \Deleted mail; the session then reports each removal.
import { DELETED } from '../../store/message.ts';
import { idList } from '../../sessions/index.ts';
import { defineCommand } from '../context.ts';
import { no } from '../errors.ts';
import { resolveSet } from '../selection.ts';
import type { MessageSet } from '../syntax.ts';

export interface ExpungeCommand {
  name: 'EXPUNGE';
  uid: boolean;
  /** UID EXPUNGE's set; null for plain EXPUNGE. */
  set: MessageSet | null;
}

export const expunge = defineCommand({
  name: 'EXPUNGE',
  access: 'selected',
  uidForm: true,
  parse(s, uid): ExpungeCommand {
    if (!uid) return { name: 'EXPUNGE', uid, set: null };
    s.sp();
    return { name: 'EXPUNGE', uid, set: s.messageSet() };
  },
  handle(ctx, command) {
    const { view, readOnly } = ctx.selected;
    if (readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    const candidates = command.set ? resolveSet(ctx.selected, command.set, true).map((seq) => view.numbered[seq - 1]) : view.numbered;
    const doomed = candidates.filter((m) => m.flags.has(DELETED) && !view.isRemoved(m.id)).map((m) => m.id);
    if (!doomed.length) return;
    ctx.store.delete(doomed);
    ctx.record.action(`expunged ${idList(doomed)}`, doomed);
  },
});
