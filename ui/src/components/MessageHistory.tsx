// What sessions did to the open message (received, fetched, flagged, moved, deleted), each linking
// to its session.
import { relativeTime } from '../format.ts';
import { openSession } from '../sessions.ts';
import { history, now } from '../state.ts';

export function MessageHistory() {
  const entries = history.value;
  if (!entries.length) return null;
  return (
    <section class="history" aria-label="History" data-testid="message-history">
      <h3>History</h3>
      <ol>
        {entries.map((entry, i) => (
          <li key={i}>
            <a
              href={`#sessions/${entry.sessionId}`}
              onClick={(event) => {
                event.preventDefault();
                void openSession(entry.sessionId);
              }}
            >
              {entry.text}
            </a>{' '}
            <span class="muted">
              by {entry.clientName ?? entry.login ?? 'a client'} over {entry.protocol.toUpperCase()}
              {entry.login && entry.clientName ? ` as ${entry.login}` : ''} from {entry.clientAddress}, {relativeTime(entry.at, now.value)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
