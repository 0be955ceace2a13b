// The page: header, sidebar filters, the list and the open message; and the wiring that keeps them
// live (WebSocket, filter changes, the title's unread count, the clock for relative times).
import { effect, untracked } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getHealth } from './api.ts';
import { ConnectionPanel } from './components/ConnectionPanel.tsx';
import { FaultsPanel } from './components/FaultsPanel.tsx';
import { Header } from './components/Header.tsx';
import { MessageList } from './components/MessageList.tsx';
import { MessagePane } from './components/MessagePane.tsx';
import { Notice } from './components/Notice.tsx';
import { SessionsView } from './components/SessionsView.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { onKeyDown } from './keyboard.ts';
import { applyLiveEvent, reloadList } from './list.ts';
import { connectLive } from './live.ts';
import { applySessionFrame, isSessionFrame, loadHistory, refreshOpenSession, reloadSessions, sessionFilter } from './sessions.ts';
import { loadSidebar } from './sidebar-data.ts';
import { filter, health, history, liveStatus, now, openId, unread, view } from './state.ts';

const CLOCK_MS = 30_000;

async function loadHealth(): Promise<void> {
  health.value = await getHealth().catch(() => health.value);
}

function startApp(): () => void {
  const stopLive = connectLive({
    onEvent: (event) => (isSessionFrame(event) ? applySessionFrame(event) : applyLiveEvent(event)),
    onStatus: (status) => (liveStatus.value = status),
    onOpen: () => {
      void loadSidebar();
      void loadHealth();
      void reloadList();
      void reloadSessions();
      void refreshOpenSession();
    },
  });
  const stopHistory = effect(() => {
    const id = openId.value;
    history.value = [];
    if (id !== null) untracked(() => void loadHistory(id));
  });
  // Every filter change reloads the list; the first run is the initial load.
  const stopFilterReload = effect(() => {
    void filter.value;
    untracked(() => void reloadList());
  });
  const stopSessionReload = effect(() => {
    void sessionFilter();
    untracked(() => void reloadSessions());
  });
  const stopTitle = effect(() => {
    document.title = unread.value > 0 ? `(${unread.value}) mailsandbox` : 'mailsandbox';
  });
  const clock = setInterval(() => (now.value = Date.now()), CLOCK_MS);
  document.addEventListener('keydown', onKeyDown);
  return () => {
    stopLive();
    stopFilterReload();
    stopSessionReload();
    stopTitle();
    stopHistory();
    clearInterval(clock);
    document.removeEventListener('keydown', onKeyDown);
  };
}

export function App() {
  useEffect(startApp, []);
  return (
    <div class={openId.value === null ? 'app' : 'app reading'}>
      <Header />
      {view.value === 'sessions' ? (
        <SessionsView />
      ) : (
        <div class="main">
          <Sidebar />
          <MessageList />
          <MessagePane />
        </div>
      )}
      <ConnectionPanel />
      <FaultsPanel />
      <Notice />
    </div>
  );
}
