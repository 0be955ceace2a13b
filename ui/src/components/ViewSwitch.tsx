// Mail or Sessions: the two pages of the UI.
import { view } from '../state.ts';

export function ViewSwitch() {
  return (
    <nav class="view-switch" aria-label="Pages">
      <button aria-pressed={view.value === 'mail'} onClick={() => (view.value = 'mail')}>
        Mail
      </button>
      <button aria-pressed={view.value === 'sessions'} onClick={() => (view.value = 'sessions')} data-testid="sessions-tab">
        Sessions
      </button>
    </nav>
  );
}
