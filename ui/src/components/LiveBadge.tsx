// Whether live updates are flowing; when not, the list may be stale and says so.
import { liveStatus } from '../state.ts';

const LABELS = { open: 'Live', connecting: 'Connecting…', closed: 'Disconnected, reconnecting…' } as const;

export function LiveBadge() {
  const status = liveStatus.value;
  return (
    <span class={`live live-${status}`} role="status" data-testid="live-status" data-status={status}>
      <span class="live-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
