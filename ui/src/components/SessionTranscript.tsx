// One session: its facts, its actions and its transcript (client and server lines told apart, each
// with its time, selectable to copy). While the session runs, new lines arrive and the view follows
// the tail unless the reader has scrolled up.
import { useEffect, useRef } from 'preact/hooks';
import { clockTime, fullTime } from '../format.ts';
import type { SessionDetail } from '../../../server/types.ts';
import { notify } from '../notice.ts';
import { health, sessionDetail } from '../state.ts';

/** Once a transcript is cut, its last line is the sandbox's note saying so, which neither side sent. */
const isCutNote = (session: SessionDetail, index: number) => session.transcriptCut && index === session.transcript.length - 1;

const prefix = (session: SessionDetail, index: number) => (isCutNote(session, index) ? '--' : session.transcript[index].direction === 'client' ? 'C:' : 'S:');

/** The transcript as plain text, one `time C:/S: line` a line, as a bug report wants it. */
function transcriptText(session: SessionDetail): string {
  return session.transcript.map((line, i) => `${line.at} ${prefix(session, i)} ${line.text}`).join('\n');
}

/** The clipboard needs a secure context (not a plain-HTTP LAN address): then the lines are selected for Ctrl+C. */
async function copyTranscript(session: SessionDetail, list: HTMLOListElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(transcriptText(session));
    notify(`Copied ${session.transcript.length} lines`);
  } catch {
    if (list) getSelection()?.selectAllChildren(list);
    notify('Copy failed; the transcript is selected, copy it with Ctrl+C', true);
  }
}

export function SessionTranscript() {
  const session = sessionDetail.value;
  const scroller = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  const lines = session?.transcript.length ?? 0;
  // Another session opens at its tail, whatever the last one was scrolled to.
  useEffect(() => {
    following.current = true;
  }, [session?.id]);
  useEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [lines]);
  if (!session) return <section class="session-pane placeholder muted">Select a session.</section>;
  const onScroll = () => {
    const element = scroller.current;
    if (element) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };
  return (
    <section class="session-pane" aria-label="Session" data-testid="session-view" data-session-id={session.id}>
      <header class="session-head">
        <h2>
          {session.protocol.toUpperCase()} session #{session.id}
        </h2>
        <button class="copy-transcript" onClick={() => void copyTranscript(session, scroller.current)}>
          Copy transcript
        </button>
        <dl class="fields">
          <dt>Client</dt>
          <dd>
            {session.clientName ?? '(unnamed)'} from {session.clientAddress}:{session.clientPort}
            {session.tls ? ', TLS' : ''}
          </dd>
          <dt>Login</dt>
          <dd>{session.login ?? '—'}</dd>
          <dt>Time</dt>
          <dd>
            {fullTime(session.startedAt)} → {session.endedAt ? `${fullTime(session.endedAt)} (${session.ended})` : 'still open'}
          </dd>
        </dl>
      </header>
      {session.actions.length > 0 && (
        <ol class="session-actions" aria-label="Actions" data-testid="session-actions">
          {session.actions.map((action, i) => (
            <li key={i}>
              <time class="muted">{clockTime(action.at)}</time> {action.text}
            </li>
          ))}
        </ol>
      )}
      {health.value?.sessionLog === 'actions' && <p class="muted session-note">No transcript: this sandbox runs with --session-log actions, which keeps the actions only.</p>}
      <ol class="transcript" ref={scroller} onScroll={onScroll} aria-label="Transcript" data-testid="transcript">
        {session.transcript.map((line, i) =>
          isCutNote(session, i) ? (
            <li key={i} class="line line-note" data-testid="transcript-cut">
              <time>{clockTime(line.at)}</time>
              <span class="line-dir">--</span>
              <span class="line-text">
                {line.text}
                {/* Counted on the server; known here once the session is over and reloaded. */}
                {session.state === 'ended' && ` (${session.cutLines} ${session.cutLines === 1 ? 'line' : 'lines'} not kept)`}
              </span>
            </li>
          ) : (
            <li key={i} class={`line line-${line.direction}`} data-direction={line.direction}>
              <time>{clockTime(line.at)}</time>
              <span class="line-dir" aria-label={line.direction === 'client' ? 'client' : 'server'}>
                {prefix(session, i)}
              </span>
              <span class="line-text">{line.text}</span>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
