// STORE and UID STORE (RFC 3501 6.4.6) with UNCHANGEDSINCE (RFC 7162 3.1.3). Replies with the
// resulting FLAGS unless .SILENT; with CONDSTORE on, changed messages always report MODSEQ.
import type { FlagMode } from '../../store/store.ts';
import { flagChange } from '../activity.ts';
import { defineCommand } from '../context.ts';
import { bad, no } from '../errors.ts';
import { spaceSeparated } from '../parse/arguments.ts';
import { resolveSet } from '../selection.ts';
import { formatSequenceSet } from '../sequence.ts';
import type { FetchAttribute, MessageSet } from '../syntax.ts';

export interface StoreCommand {
  name: 'STORE';
  uid: boolean;
  set: MessageSet;
  mode: FlagMode;
  silent: boolean;
  flags: string[];
  unchangedSince: number | null;
}

export const store = defineCommand({
  name: 'STORE',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): StoreCommand {
    s.sp();
    const set = s.messageSet();
    s.sp();
    let unchangedSince: number | null = null;
    if (s.at('(')) {
      s.pos++;
      if (!s.word('UNCHANGEDSINCE')) throw bad('unknown STORE modifier');
      s.sp();
      unchangedSince = s.modseq();
      s.expect(')');
      s.sp();
    }
    const item = s.keyword();
    const match = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
    if (!match) throw bad(`unknown STORE item ${item}`);
    s.sp();
    const flags = s.at('(') ? s.list(() => s.flag()) : spaceSeparated(s, () => s.flag());
    const mode: FlagMode = match[1] === '+' ? 'add' : match[1] === '-' ? 'remove' : 'replace';
    return { name: 'STORE', uid, set, mode, silent: Boolean(match[2]), flags, unchangedSince };
  },
  handle(ctx, command) {
    const { selected } = ctx;
    const { view, readOnly } = selected;
    if (readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    if (command.unchangedSince !== null) ctx.session.condstore = true;
    const condstore = ctx.session.condstore;
    const named = resolveSet(selected, command.set, command.uid);
    const seqs = named.filter((seq) => !view.isRemoved(view.numbered[seq - 1].id));
    const flags = command.flags.filter((flag) => flag.toUpperCase() !== '\\RECENT');
    const result = ctx.store.setFlags(
      seqs.map((seq) => view.numbered[seq - 1].id),
      command.mode,
      flags,
      command.unchangedSince ?? undefined,
    );
    const changed = new Set<number>();
    if (result.changed.length) ctx.record.action(flagChange(command.mode, flags, result.changed.map((m) => m.id)), result.changed.map((m) => m.id));
    for (const message of result.changed) {
      changed.add(message.id);
      view.forgetFlagChange(message.id);
    }
    const modified = new Set(result.modified);

    const attributes: FetchAttribute[] = [];
    // With CONDSTORE on, every FETCH a flag change causes carries UID and MODSEQ (RFC 7162 3.2).
    if (command.uid || condstore) attributes.push({ kind: 'UID' });
    if (!command.silent) attributes.push({ kind: 'FLAGS' });
    if (condstore) attributes.push({ kind: 'MODSEQ' });
    for (const seq of named) {
      const message = view.numbered[seq - 1];
      if (view.isRemoved(message.id)) {
        // Expunged by another session, still numbered here (a UID STORE reports the expunge right
        // after): like Dovecot, answer as if the STORE applied, so the client never sees flags
        // that contradict its own STORE, and keep them for this session until the expunge is told.
        if (command.uid || command.unchangedSince !== null) continue;
        view.forgetFlagChange(message.id);
        const current = { ...message, flags: selected.expungedFlags.get(message.id) ?? message.flags };
        selected.expungedFlags.set(message.id, ctx.store.flagsAfter(current, command.mode, flags));
        if (!command.silent) ctx.fetchLines.write(selected, seq, message, attributes);
        continue;
      }
      if (modified.has(message.id)) continue;
      if (command.silent && !(condstore && changed.has(message.id))) continue;
      ctx.fetchLines.write(selected, seq, message, attributes);
      ctx.spill();
    }
    if (!modified.size) return;
    const numbers = seqs.filter((seq) => modified.has(view.numbered[seq - 1].id)).map((seq) => (command.uid ? view.numbered[seq - 1].uid : seq));
    return { code: `MODIFIED ${formatSequenceSet(numbers)}`, text: 'Conditional STORE failed for some messages' };
  },
});
