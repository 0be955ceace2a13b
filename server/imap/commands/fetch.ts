// FETCH and UID FETCH (RFC 3501 6.4.5) with CHANGEDSINCE and VANISHED (RFC 7162). Reading a body without PEEK
// sets \Seen first, so the FLAGS (and, with CONDSTORE, the MODSEQ) written are the new ones. A FETCH
// over many messages runs in slices, so a client's full resync does not stall every other session.
// A BINARY item (RFC 3516) on a part that cannot be decoded refuses the whole FETCH before any of it
// is written or any \Seen set.
import { SEEN, type StoredMessage } from '../../store/message.ts';
import { defineCommand } from '../context.ts';
import { fetchedContent, flagChange } from '../activity.ts';
import { checkBinaryDecodable, marksSeen } from '../fetch.ts';
import { idList } from '../../sessions/index.ts';
import { bad } from '../errors.ts';
import { parseFetchAttributes } from '../parse/fetch-attributes.ts';
import type { Scanner } from '../parse/scanner.ts';
import { missingUids, resolveSet, uidRanges } from '../selection.ts';
import { formatSequenceSet } from '../sequence.ts';
import { SLICE_MS } from '../slices.ts';
import type { FetchAttribute, MessageSet } from '../syntax.ts';

export interface FetchCommand {
  name: 'FETCH';
  uid: boolean;
  set: MessageSet;
  attributes: FetchAttribute[];
  changedSince: number | null;
  /** QRESYNC: also report which UIDs of the set are gone (VANISHED (EARLIER)). */
  vanished: boolean;
}

export const fetch = defineCommand({
  name: 'FETCH',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): FetchCommand {
    s.sp();
    const set = s.messageSet();
    s.sp();
    const attributes = parseFetchAttributes(s);
    let changedSince: number | null = null;
    let vanished = false;
    if (s.maybeSp()) {
      s.list(() => {
        if (s.word('VANISHED')) vanished = true;
        else changedSince = fetchModifier(s);
      });
    }
    // RFC 7162 3.2.6: VANISHED only in UID FETCH, and only with CHANGEDSINCE.
    if (vanished && (!uid || changedSince === null)) throw bad('VANISHED needs UID FETCH with CHANGEDSINCE');
    return { name: 'FETCH', uid, set, attributes, changedSince, vanished };
  },
  handle(ctx, command) {
    const { selected } = ctx;
    const { view, readOnly } = selected;
    if (command.vanished && !ctx.session.qresync) throw bad('VANISHED needs ENABLE QRESYNC');
    const attributes = inWriteOrder(withImpliedAttributes(command.attributes, command.uid, command.changedSince !== null));
    if (attributes.some((a) => a.kind === 'MODSEQ')) ctx.session.condstore = true;
    let seqs = resolveSet(selected, command.set, command.uid);
    if (command.changedSince !== null) {
      const since = command.changedSince;
      seqs = seqs.filter((seq) => view.numbered[seq - 1].modseq > since);
    }

    if (command.vanished) {
      const gone = missingUids(view, uidRanges(command.set, selected.savedResult), ctx.store.lastAssignedUid(selected.folder));
      if (gone.length) ctx.untagged(`VANISHED (EARLIER) ${formatSequenceSet(gone)}`);
    }

    checkBinaryDecodable(seqs.map((seq) => view.numbered[seq - 1]), attributes);
    // Messages whose \Seen this FETCH sets get FLAGS in their reply (RFC 3501 6.4.5).
    let nowSeen: Set<number> | null = null;
    if (!readOnly && marksSeen(attributes)) {
      const unseen = seqs.map((seq) => view.numbered[seq - 1]).filter((m) => !m.flags.has(SEEN) && !view.isRemoved(m.id));
      if (unseen.length) {
        nowSeen = new Set(ctx.store.setFlags(unseen.map((m) => m.id), 'add', [SEEN]).changed.map((m) => m.id));
        for (const id of nowSeen) view.forgetFlagChange(id);
      }
    }
    const withFlags = nowSeen ? withFlagChange(attributes, ctx.session.condstore) : attributes;

    const content = fetchedContent(attributes);
    if (content && seqs.length) {
      const ids = seqs.map((seq) => view.numbered[seq - 1].id);
      ctx.record.action(`fetched ${idList(ids)} (${content})`, ids);
    }
    if (nowSeen?.size) ctx.record.action(flagChange('add', [SEEN], [...nowSeen]), [...nowSeen]);

    let next = 0;
    const step = (): boolean => {
      const deadline = performance.now() + SLICE_MS;
      while (next < seqs.length) {
        const seq = seqs[next++];
        const message: StoredMessage = view.numbered[seq - 1];
        ctx.fetchLines.write(selected, seq, message, nowSeen?.has(message.id) ? withFlags : attributes);
        // The last reply waits for the tagged OK, so both leave in one write.
        if (next < seqs.length) ctx.spill();
        if (performance.now() > deadline) break;
      }
      return next === seqs.length;
    };
    if (step()) return;
    return ctx.inSlices(step, () => undefined);
  },
});

function fetchModifier(s: Scanner): number {
  if (!s.word('CHANGEDSINCE')) throw bad('unknown FETCH modifier');
  s.sp();
  return s.modseq();
}

/** What a reply can say without reading the message; the rest comes from its bytes. */
const AT_HAND: ReadonlySet<FetchAttribute['kind']> = new Set(['UID', 'FLAGS', 'MODSEQ', 'RFC822.SIZE', 'INTERNALDATE', 'PREVIEW']);

/**
 * The order items go in a reply, as Dovecot writes them: those at hand first, then those read from
 * the message, each group in the order asked (RFC 3501 leaves the order open; a client that
 * compares servers sees the same reply).
 */
function inWriteOrder(attributes: FetchAttribute[]): FetchAttribute[] {
  return [...attributes.filter((a) => AT_HAND.has(a.kind)), ...attributes.filter((a) => !AT_HAND.has(a.kind))];
}

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
  // First, as Dovecot writes them, so the new flags come before the (maybe large) body.
  return missing.length ? [...missing, ...attributes] : attributes;
}
