// Every recorded connection, newest first, live: protocol, client, login, duration and state;
// filtered by protocol and by login on the server, as GET /sessions?protocol=&login= does.
import { useEffect, useState } from 'preact/hooks';
import type { SessionSummary } from '../../../server/types.ts';
import { duration } from '../format.ts';
import { loadOlderSessions, openSession } from '../sessions.ts';
import { health, now, olderSessions, openSessionId, sessionList, sessionLogin, sessionProtocol } from '../state.ts';

const PROTOCOLS = [null, 'smtp', 'imap', 'pop3'] as const;

function ProtocolFilter() {
  return (
    <div class="session-protocols" role="group" aria-label="Protocol">
      {PROTOCOLS.map((protocol) => (
        <button key={protocol ?? 'all'} aria-pressed={sessionProtocol.value === protocol} onClick={() => (sessionProtocol.value = protocol)}>
          {protocol ? protocol.toUpperCase() : 'All'}
        </button>
      ))}
    </div>
  );
}

/**
 * A login, applied on Enter (or when the field loses focus) and cleared as soon as the field is
 * empty. What is typed lives here until then, so live updates re-rendering the list keep it.
 */
function LoginFilter() {
  const [draft, setDraft] = useState(sessionLogin.value);
  const logins = [...new Set(sessionList.value.map((s) => s.login).filter((login): login is string => login !== null))];
  const apply = (value: string) => (sessionLogin.value = value.trim());
  return (
    <form
      class="session-login"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <input
        type="search"
        name="login"
        list="session-logins"
        placeholder="Login"
        aria-label="Only sessions of this login"
        data-testid="session-login-filter"
        value={draft}
        onChange={(event) => apply(event.currentTarget.value)}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setDraft(value);
          if (value === '') apply('');
        }}
      />
      <datalist id="session-logins">
        {logins.map((login) => (
          <option key={login} value={login} />
        ))}
      </datalist>
    </form>
  );
}

function emptyText(filtered: boolean): string {
  if (health.value?.sessionLog === 'off') return 'Sessions are not recorded: this sandbox runs with --session-log off.';
  return filtered ? 'No session matches the filter.' : 'No sessions yet. Connect a client over SMTP, IMAP or POP3.';
}

export function SessionList() {
  const filtered = sessionProtocol.value !== null || sessionLogin.value !== '';
  const sessions = sessionList.value;
  return (
    <div class="session-column">
      <div class="session-filter">
        <ProtocolFilter />
        <LoginFilter />
      </div>
      {sessions.length ? <Sessions sessions={sessions} /> : <p class="muted session-empty">{emptyText(filtered)}</p>}
    </div>
  );
}

const TICK_MS = 1000;

/** The time durations count up to: the app's clock ticks every 30 s, too slow for a session still open. */
function useClock(ticking: boolean): number {
  const [time, setTime] = useState(Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTime(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [ticking]);
  return ticking ? Math.max(time, now.value) : now.value;
}

function Sessions({ sessions }: { sessions: SessionSummary[] }) {
  const clock = useClock(sessions.some((s) => s.state === 'active'));
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
              {duration(s.startedAt, s.endedAt, clock)} · {s.state === 'active' ? 'active' : s.ended}
              {s.tls && ' · TLS'}
            </span>
          </button>
        </li>
      ))}
      {olderSessions.value && (
        <li>
          <button class="session-older" data-testid="older-sessions" onClick={() => void loadOlderSessions()}>
            Show older sessions
          </button>
        </li>
      )}
    </ul>
  );
}
