import { connectionPanelOpen, faultsPanelOpen } from '../state.ts';
import { DeleteAllButton } from './DeleteAllButton.tsx';
import { Icon } from './Icon.tsx';
import { LiveBadge } from './LiveBadge.tsx';
import { SearchBox } from './SearchBox.tsx';
import { UnreadToggle } from './UnreadToggle.tsx';

export function Header() {
  return (
    <header class="header">
      <h1 class="brand">mailsandbox</h1>
      <SearchBox />
      <UnreadToggle />
      <span class="header-spacer" />
      <LiveBadge />
      <button onClick={() => (faultsPanelOpen.value = true)} title="Fault rules: failures on demand">
        Faults
      </button>
      <button onClick={() => (connectionPanelOpen.value = true)}>
        <Icon name="plug" /> Connect
      </button>
      <DeleteAllButton />
    </header>
  );
}
