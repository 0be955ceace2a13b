// QRESYNC resynchronisation inside SELECT/EXAMINE (RFC 7162 3.2.5): which known UIDs are gone, then
// the flags of every message changed since the client's mod-sequence.
import type { QresyncParameters } from '../command.ts';
import type { CommandContext, Selected } from '../context.ts';
import { fetchItems } from '../fetch.ts';
import { formatRanges, missingUids } from '../selection.ts';
import type { FetchAttribute } from '../syntax.ts';

const CHANGED: FetchAttribute[] = [{ kind: 'UID' }, { kind: 'FLAGS' }, { kind: 'MODSEQ' }];

export function resynchronize(ctx: CommandContext, { view, recent }: Selected, parameters: QresyncParameters): void {
  const known = parameters.knownUids ?? [{ from: 1, to: '*' }];
  const gone = missingUids(view, known, ctx.deps.store.nextId - 1);
  if (gone.length) ctx.untagged(`VANISHED (EARLIER) ${formatRanges(gone)}`);
  const messages = view.numbered;
  for (let i = 0; i < messages.length; i++) {
    if (messages[i].modseq <= parameters.modseq) continue;
    ctx.out.text(`* ${i + 1} FETCH `).value(fetchItems(messages[i], CHANGED, recent.has(messages[i].id))).text('\r\n');
    ctx.spill();
  }
}
