// COPY and UID COPY with COPYUID (RFC 4315). Copies keep flags and dates and get new ids, and the
// target folder's next UIDs.
import type { Folder } from '../../store/login.ts';
import type { StoredMessage } from '../../store/message.ts';
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
    const sources = sourceMessages(ctx, command.set, command.uid);
    const pairs = ctx.store.copy(sources.map((message) => message.id), target.name);
    if (pairs.length) ctx.record.action(transfer('copied', pairs, target.name), pairs.flat());
    return pairs.length ? { code: copyUid(ctx, target, sources, pairs), text: 'COPY completed' } : undefined;
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

/** The messages the set names that still exist, ascending. */
export function sourceMessages(ctx: SelectedContext, set: MessageSet, uid: boolean): StoredMessage[] {
  const { view } = ctx.selected;
  return resolveSet(ctx.selected, set, uid)
    .map((seq) => view.numbered[seq - 1])
    .filter((message) => !view.isRemoved(message.id));
}

/**
 * COPYUID (RFC 4315 3): the sources' UIDs in this folder and their copies' UIDs in the target, pair
 * by pair. `pairs` are the store's [source id, copy id]; a copy the store already evicted is left out.
 */
export function copyUid(ctx: SelectedContext, target: Folder, sources: readonly StoredMessage[], pairs: ReadonlyArray<[number, number]>): string {
  const sourceUids = new Map(sources.map((message) => [message.id, message.uid]));
  const from: number[] = [];
  const to: number[] = [];
  for (const [source, copy] of pairs) {
    const made = ctx.store.get(copy);
    const was = sourceUids.get(source);
    if (!made || was === undefined) continue;
    from.push(was);
    to.push(made.uid);
  }
  return `COPYUID ${target.uidValidity} ${formatSequenceSet(from)} ${formatSequenceSet(to)}`;
}
