// SELECT (RFC 3501 6.3.1, RFC 7162): open a folder for this login and describe it. EXAMINE
// (examine.ts) is the same, read-only. An IMAP4rev2 session (RFC 9051 6.3.2) is told no RECENT and
// no UNSEEN, and gets the folder's LIST line instead.
import { SEEN } from '../../store/message.ts';
import { defineCommand, type AuthenticatedContext, type Reply } from '../context.ts';
import { bad, no } from '../errors.ts';
import { mailbox } from '../parse/arguments.ts';
import type { Scanner } from '../parse/scanner.ts';
import type { SequenceSet } from '../syntax.ts';
import { plainListAttributes, writeListLine } from './list.ts';
import { resynchronize } from './resync.ts';

/** SELECT ... (QRESYNC (uidvalidity modseq [known-uids])) (RFC 7162 3.2.5); seq-match data is read and not used. */
export interface QresyncParameters {
  uidValidity: number;
  modseq: number;
  knownUids: SequenceSet | null;
}

export interface SelectCommand<N extends 'SELECT' | 'EXAMINE' = 'SELECT'> {
  name: N;
  mailbox: string;
  condstore: boolean;
  qresync: QresyncParameters | null;
}

export const select = defineCommand({
  name: 'SELECT',
  access: 'authenticated',
  parse: (s) => selectArguments('SELECT', s),
  handle: (ctx, command) => open(ctx, command, false),
});

/** The arguments of SELECT and EXAMINE: a mailbox, then optional (CONDSTORE) / (QRESYNC (...)). */
export function selectArguments<N extends 'SELECT' | 'EXAMINE'>(name: N, s: Scanner): SelectCommand<N> {
  s.sp();
  const box = mailbox(s);
  let condstore = false;
  let qresync: QresyncParameters | null = null;
  if (s.maybeSp()) {
    s.list(() => {
      const parameter = s.keyword();
      if (parameter === 'CONDSTORE') condstore = true;
      else if (parameter === 'QRESYNC') qresync = qresyncParameters(s);
      else throw bad(`unknown ${name} parameter ${parameter}`);
    });
  }
  return { name, mailbox: box, condstore, qresync };
}

/** Opens the mailbox and writes what SELECT and EXAMINE say about it. */
export function open(ctx: AuthenticatedContext, command: SelectCommand<'SELECT' | 'EXAMINE'>, readOnly: boolean): Reply {
  const { store } = ctx;
  if (command.qresync && !ctx.session.qresync) throw bad('QRESYNC must be enabled first');
  // A server that offers CONDSTORE/QRESYNC marks the end of the old mailbox's responses (RFC 7162 3.2.11).
  if (ctx.session.selected) ctx.untagged('OK [CLOSED] Previous mailbox closed');
  ctx.deselect();
  const folder = store.folder(command.mailbox);
  if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'NONEXISTENT');
  if (command.condstore || command.qresync) ctx.session.condstore = true;
  const selected = ctx.select(folder, readOnly);
  const { view, recent } = selected;

  ctx.fetchLines.writeFlagLists(selected);
  ctx.untagged(`${view.count} EXISTS`);
  const rev2 = ctx.session.imap4rev2;
  if (!rev2) {
    ctx.untagged(recent.response());
    const firstUnseen = view.numbered.findIndex((message) => !message.flags.has(SEEN)) + 1;
    if (firstUnseen) ctx.untagged(`OK [UNSEEN ${firstUnseen}] First unseen`);
  }
  ctx.untagged(`OK [UIDVALIDITY ${folder.uidValidity}] UIDs valid`);
  ctx.untagged(`OK [UIDNEXT ${store.uidNext(folder)}] Predicted next UID`);
  if (rev2) writeListLine(ctx, 'LIST', plainListAttributes(store, folder), folder.name);
  ctx.untagged(`OK [HIGHESTMODSEQ ${folder.highestModseq}] Highest`);
  if (command.qresync?.uidValidity === folder.uidValidity) resynchronize(ctx, selected, command.qresync);
  return { code: readOnly ? 'READ-ONLY' : 'READ-WRITE', text: `${command.name} completed` };
}

function qresyncParameters(s: Scanner): QresyncParameters {
  s.sp();
  s.expect('(');
  const uidValidity = s.nzNumber();
  s.sp();
  const modseq = s.modseq();
  let knownUids: SequenceSet | null = null;
  if (s.maybeSp() && !s.at('(')) {
    knownUids = s.sequenceSet();
    s.maybeSp();
  }
  if (s.at('(')) {
    s.pos++;
    s.sequenceSet();
    s.sp();
    s.sequenceSet();
    s.expect(')');
  }
  s.expect(')');
  return { uidValidity, modseq, knownUids };
}
