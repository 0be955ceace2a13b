// Where to point an app or a mail client: the listeners from /health and the login rule.
import type { ListenerInfo } from '../../../server/types.ts';
import { notify } from '../notice.ts';
import { connectionPanelOpen, health } from '../state.ts';

/** A wildcard bind address is not something to connect to; the host serving this page is. */
function reachableHost(listener: ListenerInfo): string {
  return ['0.0.0.0', '::', ''].includes(listener.host) ? location.hostname : listener.host;
}

function envConfig(smtp: ListenerInfo | null): string {
  if (!smtp) return '# SMTP is off in this sandbox';
  return [`SMTP_HOST=${reachableHost(smtp)}`, `SMTP_PORT=${smtp.port}`, 'SMTP_SECURE=false', 'SMTP_USER=any', 'SMTP_PASS=any'].join('\n');
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify('Copied');
  } catch {
    notify('Copy failed; select the text instead', true);
  }
}

function ListenerRow({ name, listener, note }: { name: string; listener: ListenerInfo | null; note: string }) {
  const address = listener && `${reachableHost(listener)}:${listener.port}`;
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{address ? <code>{address}</code> : <span class="muted">off</span>}</td>
      <td class="muted">{listener ? note : ''}</td>
      <td>{address && <button onClick={() => void copy(address)}>Copy</button>}</td>
    </tr>
  );
}

export function ConnectionPanel() {
  if (!connectionPanelOpen.value) return null;
  const info = health.value;
  const close = () => (connectionPanelOpen.value = false);
  const env = envConfig(info?.smtp ?? null);
  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && close()}>
      <section class="dialog" role="dialog" aria-modal="true" aria-label="Connection settings" data-testid="connection-panel">
        <header class="dialog-header">
          <h2>Connect an app or a mail client</h2>
          <button onClick={close} aria-label="Close">
            ✕
          </button>
        </header>
        {!info ? (
          <p class="muted">Loading…</p>
        ) : (
          <>
            <table class="listeners">
              <tbody>
                <ListenerRow name="SMTP" listener={info.smtp} note="no TLS; any AUTH or none" />
                <ListenerRow name="IMAP" listener={info.imap} note="folders and flags stay on the server" />
                <ListenerRow name="POP3" listener={info.pop3} note="downloads; nothing syncs back" />
              </tbody>
            </table>
            <p>
              <strong>Login:</strong> {info.loginRule}{' '}
              {info.authRequired ? 'Passwords are checked (auth required).' : 'Any password works.'}
            </p>
            <h3>App config (SMTP)</h3>
            <pre class="snippet">{env}</pre>
            <button onClick={() => void copy(env)}>Copy config</button>
            <p class="muted">
              {info.messages} of at most {info.maxMessages} messages stored · version {info.version}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
