// COPY and UID COPY with COPYUID (RFC 4315). Copies keep flags, dates and owners and get new UIDs.
import { SELECTED, selectedOf, type CommandContext, type CommandSpec } from '../context.ts';
import { no } from '../errors.ts';
import { resolveSet } from '../selection.ts';
import { formatSequenceSet } from '../sequence.ts';
import type { FolderState } from '../../store/store.ts';
import type { SequenceSet } from '../syntax.ts';

export const copy: CommandSpec<'COPY'> = {
  names: ['COPY'],
  states: SELECTED,
  handle(ctx, command) {
    const target = targetFolder(ctx, command.mailbox);
    const pairs = ctx.deps.store.copy(sourceIds(ctx, command.set, command.uid), target.name);
    return pairs.length ? { code: copyUid(target, pairs), text: 'COPY completed' } : undefined;
  },
};

/** The destination of COPY/MOVE; a missing one is TRYCREATE so the client may create it and retry. */
export function targetFolder(ctx: CommandContext, name: string): FolderState {
  const folder = ctx.deps.store.getFolder(name);
  if (!folder) throw no(`no mailbox named ${name}`, 'TRYCREATE');
  return folder;
}

/** Ids of the messages the set names that still exist, ascending. */
export function sourceIds(ctx: CommandContext, set: SequenceSet, uid: boolean): number[] {
  const { view } = selectedOf(ctx);
  return resolveSet(view, set, uid)
    .map((seq) => view.numbered[seq - 1].id)
    .filter((id) => !view.isRemoved(id));
}

export function copyUid(target: FolderState, pairs: Array<[number, number]>): string {
  const sources = formatSequenceSet(pairs.map(([source]) => source));
  const copies = formatSequenceSet(pairs.map(([, made]) => made));
  return `COPYUID ${target.uidValidity} ${sources} ${copies}`;
}
