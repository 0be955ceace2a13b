// FETCH and UID FETCH (RFC 3501 6.4.5) with CHANGEDSINCE and VANISHED (RFC 7162). Reading a body without PEEK
// sets \Seen first, so the FLAGS (and, with CONDSTORE, the MODSEQ) written are the new ones. A FETCH
// over many messages runs in slices, so a client's full resync does not stall every other session.
import { SEEN, type StoredMessage } from '../../store/message.ts';
import { SELECTED, selectedOf, type CommandSpec } from '../context.ts';
import { fetchItems, marksSeen } from '../fetch.ts';
import { announceNewKeywords } from '../keywords.ts';
import { bad } from '../errors.ts';
import { formatRanges, missingUids, resolveSet } from '../selection.ts';
import { SLICE_MS } from '../slices.ts';
import type { FetchAttribute } from '../syntax.ts';

export const fetch: CommandSpec<'FETCH'> = {
  names: ['FETCH'],
  states: SELECTED,
  handle(ctx, command) {
    const selected = selectedOf(ctx);
    const { view, readOnly, recent } = selected;
    if (command.vanished && !ctx.session.qresync) throw bad('VANISHED needs ENABLE QRESYNC');
    const attributes = withImpliedAttributes(command.attributes, command.uid, command.changedSince !== null);
    if (attributes.some((a) => a.kind === 'MODSEQ')) ctx.session.condstore = true;
    let seqs = resolveSet(view, command.set, command.uid);
    if (command.changedSince !== null) {
      const since = command.changedSince;
      seqs = seqs.filter((seq) => view.numbered[seq - 1].modseq > since);
    }

    if (command.vanished) {
      const gone = missingUids(view, command.set, ctx.deps.store.nextId - 1);
      if (gone.length) ctx.untagged(`VANISHED (EARLIER) ${formatRanges(gone)}`);
    }

    // Messages whose \Seen this FETCH sets get FLAGS in their reply (RFC 3501 6.4.5).
    let nowSeen: Set<number> | null = null;
    if (!readOnly && marksSeen(attributes)) {
      const unseen = seqs.map((seq) => view.numbered[seq - 1]).filter((m) => !m.flags.has(SEEN) && !view.isRemoved(m.id));
      if (unseen.length) {
        nowSeen = new Set(ctx.deps.store.setFlags(unseen.map((m) => m.id), 'add', [SEEN]).changed.map((m) => m.id));
        for (const id of nowSeen) view.forgetFlagChange(id);
      }
    }
    announceNewKeywords(ctx.out, selected);
    const withFlags = nowSeen ? withFlagChange(attributes, ctx.session.condstore) : attributes;

    let next = 0;
    const step = (): boolean => {
      const deadline = performance.now() + SLICE_MS;
      while (next < seqs.length) {
        const seq = seqs[next++];
        const message: StoredMessage = view.numbered[seq - 1];
        const items = fetchItems(message, nowSeen?.has(message.id) ? withFlags : attributes, recent.has(message.id));
        ctx.out.text(`* ${seq} FETCH `).value(items).text('\r\n');
        ctx.spill();
        if (performance.now() > deadline) break;
      }
      return next === seqs.length;
    };
    if (step()) return;
    return ctx.inSlices(step, () => undefined);
  },
};

/** UID FETCH always returns UID (first); CHANGEDSINCE implies MODSEQ. */
function withImpliedAttributes(attributes: FetchAttribute[], uid: boolean, changedSince: boolean): FetchAttribute[] {
  let out = attributes;
  if (uid && !out.some((a) => a.kind === 'UID')) out = [{ kind: 'UID' }, ...out];
  if (changedSince && !out.some((a) => a.kind === 'MODSEQ')) out = [...out, { kind: 'MODSEQ' }];
  return out;
}

/**
 * A reply that reports a \Seen this FETCH set carries FLAGS (RFC 3501 6.4.5); with CONDSTORE on,
 * also UID and MODSEQ, as every FETCH caused by a flag change must (RFC 7162 3.2).
 */
function withFlagChange(attributes: FetchAttribute[], condstore: boolean): FetchAttribute[] {
  const wanted: FetchAttribute[] = condstore ? [{ kind: 'UID' }, { kind: 'FLAGS' }, { kind: 'MODSEQ' }] : [{ kind: 'FLAGS' }];
  const missing = wanted.filter((w) => !attributes.some((a) => a.kind === w.kind));
  return missing.length ? [...attributes, ...missing] : attributes;
}
