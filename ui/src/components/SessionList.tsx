// Every recorded connection, newest first, live: protocol, client, login, duration and state.
import { duration } from '../format.ts';
import { openSession } from '../sessions.ts';
import { now, openSessionId, sessionList } from '../state.ts';

export function SessionList() {
  const sessions = sessionList.value;
  if (!sessions.length) return <p class="muted session-empty">No sessions yet. Connect a client over SMTP, IMAP or POP3.</p>;
  return (
    <ul class="session-list" aria-label="Sessions" data-testid="session-list">
      {sessions.map((s) => (
        <li key={s.id}>
          <button class="session-row" aria-current={openSessionId.value === s.id} data-session-id={s.id} onClick={() => void openSession(s.id)}>
            <span class={`badge badge-${s.protocol}`}>{s.protocol.toUpperCase()}</span>
            <span class="session-who">
              <span class="session-client">{s.clientName ?? `${s.clientAddress}:${s.clientPort}`}</span>
              <span class="muted">{s.login ?? 'not logged in'}</span>
            </span>
            <span class="session-meta muted">
              {duration(s.startedAt, s.endedAt, now.value)} · {s.state === 'active' ? 'active' : s.ended}
              {s.tls && ' · TLS'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
