// QRESYNC resynchronisation inside SELECT/EXAMINE (RFC 7162 3.2.5): which known UIDs are gone, then
// the flags of every message changed since the client's mod-sequence.
import type { AuthenticatedContext, Selected } from '../context.ts';
import { missingUids } from '../selection.ts';
import { formatSequenceSet } from '../sequence.ts';
import type { FetchAttribute } from '../syntax.ts';
import type { QresyncParameters } from './select.ts';

const CHANGED: FetchAttribute[] = [{ kind: 'UID' }, { kind: 'FLAGS' }, { kind: 'MODSEQ' }];

export function resynchronize(ctx: AuthenticatedContext, selected: Selected, parameters: QresyncParameters): void {
  const { view } = selected;
  const known = parameters.knownUids ?? [{ from: 1, to: '*' }];
  const gone = missingUids(view, known, ctx.store.lastAssignedUid(selected.folder));
  if (gone.length) ctx.untagged(`VANISHED (EARLIER) ${formatSequenceSet(gone)}`);
  const messages = view.numbered;
  for (let i = 0; i < messages.length; i++) {
    if (messages[i].modseq <= parameters.modseq) continue;
    ctx.fetchLines.write(selected, i + 1, messages[i], CHANGED);
    ctx.spill();
  }
}
