// STORE and UID STORE (RFC 3501 6.4.6) with UNCHANGEDSINCE (RFC 7162 3.1.3). Replies with the
// resulting FLAGS unless .SILENT; with CONDSTORE on, changed messages always report MODSEQ.
import { SELECTED, selectedOf, type CommandSpec } from '../context.ts';
import { no } from '../errors.ts';
import { fetchItems } from '../fetch.ts';
import { announceNewKeywords } from '../keywords.ts';
import { resolveSet } from '../selection.ts';
import { formatSequenceSet } from '../sequence.ts';
import type { FetchAttribute } from '../syntax.ts';

export const store: CommandSpec<'STORE'> = {
  names: ['STORE'],
  states: SELECTED,
  handle(ctx, command) {
    const selected = selectedOf(ctx);
    const { view, readOnly, recent } = selected;
    if (readOnly) throw no('mailbox is read-only', 'READ-ONLY');
    if (command.unchangedSince !== null) ctx.session.condstore = true;
    const condstore = ctx.session.condstore;
    const seqs = resolveSet(view, command.set, command.uid).filter((seq) => !view.isRemoved(view.numbered[seq - 1].id));
    const flags = command.flags.filter((flag) => flag.toUpperCase() !== '\\RECENT');
    const result = ctx.deps.store.setFlags(
      seqs.map((seq) => view.numbered[seq - 1].id),
      command.mode,
      flags,
      command.unchangedSince ?? undefined,
    );
    const changed = new Set<number>();
    for (const message of result.changed) {
      changed.add(message.id);
      view.forgetFlagChange(message.id);
    }
    const modified = new Set(result.modified);
    announceNewKeywords(ctx.out, selected);

    const attributes: FetchAttribute[] = [];
    // With CONDSTORE on, every FETCH a flag change causes carries UID and MODSEQ (RFC 7162 3.2).
    if (command.uid || condstore) attributes.push({ kind: 'UID' });
    if (!command.silent) attributes.push({ kind: 'FLAGS' });
    if (condstore) attributes.push({ kind: 'MODSEQ' });
    for (const seq of seqs) {
      const message = view.numbered[seq - 1];
      if (modified.has(message.id)) continue;
      if (command.silent && !(condstore && changed.has(message.id))) continue;
      ctx.out.text(`* ${seq} FETCH `).value(fetchItems(message, attributes, recent.has(message.id))).text('\r\n');
      ctx.spill();
    }
    if (!modified.size) return;
    const numbers = seqs.filter((seq) => modified.has(view.numbered[seq - 1].id)).map((seq) => (command.uid ? view.numbered[seq - 1].id : seq));
    return { code: `MODIFIED ${formatSequenceSet(numbers)}`, text: 'Conditional STORE failed for some messages' };
  },
};
