// COPY and UID COPY with COPYUID (RFC 4315). Copies keep flags and dates and get new UIDs.
import type { Folder } from '../../store/login.ts';
import { transfer } from '../activity.ts';
import { defineCommand, type SelectedContext } from '../context.ts';
import { no } from '../errors.ts';
import type { Scanner } from '../parse/scanner.ts';
import { mailbox } from '../parse/arguments.ts';
import { resolveSet } from '../selection.ts';
import { formatSequenceSet } from '../sequence.ts';
import type { MessageSet } from '../syntax.ts';

export interface CopyCommand<N extends 'COPY' | 'MOVE' = 'COPY'> {
  name: N;
  uid: boolean;
  set: MessageSet;
  mailbox: string;
}

export const copy = defineCommand({
  name: 'COPY',
  access: 'selected',
  uidForm: true,
  parse: (s, uid) => copyArguments('COPY', s, uid),
  handle(ctx, command) {
    const target = targetFolder(ctx, command.mailbox);
    const pairs = ctx.store.copy(sourceIds(ctx, command.set, command.uid), target.name);
    if (pairs.length) ctx.record.action(transfer('copied', pairs, target.name), pairs.flat());
    return pairs.length ? { code: copyUid(target, pairs), text: 'COPY completed' } : undefined;
  },
});

/** `<sequence-set> <mailbox>`, the arguments of COPY and MOVE. */
export function copyArguments<N extends 'COPY' | 'MOVE'>(name: N, s: Scanner, uid: boolean): CopyCommand<N> {
  s.sp();
  const set = s.messageSet();
  s.sp();
  return { name, uid, set, mailbox: mailbox(s) };
}

/** The destination of COPY/MOVE; a missing one is TRYCREATE so the client may create it and retry. */
export function targetFolder(ctx: SelectedContext, name: string): Folder {
  const folder = ctx.store.folder(name);
  if (!folder) throw no(`no mailbox named ${name}`, 'TRYCREATE');
  return folder;
}

/** Ids of the messages the set names that still exist, ascending. */
export function sourceIds(ctx: SelectedContext, set: MessageSet, uid: boolean): number[] {
  const { view } = ctx.selected;
  return resolveSet(ctx.selected, set, uid)
    .map((seq) => view.numbered[seq - 1].id)
    .filter((id) => !view.isRemoved(id));
}

export function copyUid(target: Folder, pairs: Array<[number, number]>): string {
  const sources = formatSequenceSet(pairs.map(([source]) => source));
  const copies = formatSequenceSet(pairs.map(([, made]) => made));
  return `COPYUID ${target.uidValidity} ${sources} ${copies}`;
}
