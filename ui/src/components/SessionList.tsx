// Every recorded connection, newest first, live: protocol, client, login, duration and state.
import type { SessionSummary } from '../../../server/types.ts';
import { duration } from '../format.ts';
import { openSession } from '../sessions.ts';
import { now, openSessionId, sessionList, sessionProtocol } from '../state.ts';

const PROTOCOLS = [null, 'smtp', 'imap', 'pop3'] as const;

function ProtocolFilter() {
  return (
    <div class="session-filter" role="group" aria-label="Protocol">
      {PROTOCOLS.map((protocol) => (
        <button key={protocol ?? 'all'} aria-pressed={sessionProtocol.value === protocol} onClick={() => (sessionProtocol.value = protocol)}>
          {protocol ? protocol.toUpperCase() : 'All'}
        </button>
      ))}
    </div>
  );
}

export function SessionList() {
  const wanted = sessionProtocol.value;
  const sessions = wanted ? sessionList.value.filter((s) => s.protocol === wanted) : sessionList.value;
  return (
    <div class="session-column">
      <ProtocolFilter />
      {sessions.length ? <Sessions sessions={sessions} /> : <p class="muted session-empty">No sessions yet. Connect a client over SMTP, IMAP or POP3.</p>}
    </div>
  );
}

function Sessions({ sessions }: { sessions: SessionSummary[] }) {
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
