// The fault rules (server/faults): each with how often it fired, the recent firings, a form that
// adds a rule in the same grammar as --fault, and a button that clears them all. Counters change
// as mail flows, so the panel re-reads them while it is open.
import { useEffect, useState } from 'preact/hooks';
import type { FaultsSnapshot } from '../../../server/types.ts';
import { addFaults, clearFaults, getFaults } from '../api.ts';
import { faultsPanelOpen } from '../state.ts';

const REFRESH_MS = 2000;
const SHOWN_FIRINGS = 10;

export function FaultsPanel() {
  if (!faultsPanelOpen.value) return null;
  return <OpenFaultsPanel />;
}

function OpenFaultsPanel() {
  const [faults, setFaults] = useState<FaultsSnapshot | null>(null);
  const [rule, setRule] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => (faultsPanelOpen.value = false);
  const refresh = () => getFaults().then(setFaults, (err: Error) => setProblem(err.message));

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const add = async (event: Event) => {
    event.preventDefault();
    try {
      setFaults(await addFaults([rule]));
      setRule('');
      setProblem(null);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  const clear = async () => {
    try {
      await clearFaults();
      await refresh();
    } catch (err) {
      setProblem((err as Error).message);
    }
  };

  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && close()}>
      <section class="dialog" role="dialog" aria-modal="true" aria-label="Fault rules" data-testid="faults-panel">
        <header class="dialog-header">
          <h2>Fault rules</h2>
          <button onClick={close} aria-label="Close">
            ✕
          </button>
        </header>
        {!faults ? (
          <p class="muted">Loading…</p>
        ) : faults.rules.length ? (
          <table class="fault-rules">
            <thead>
              <tr>
                <th scope="col">rule</th>
                <th scope="col">fired</th>
                <th scope="col">matched</th>
                <th scope="col">left</th>
              </tr>
            </thead>
            <tbody>
              {faults.rules.map((r, index) => (
                <tr key={index} data-rule={r.rule}>
                  <td>
                    <code>{r.rule}</code>
                    {r.seed !== null && <span class="muted"> seed {r.seed}</span>}
                  </td>
                  <td class="fired">{r.fired}</td>
                  <td>{r.matched}</td>
                  <td>{r.remaining ?? '∞'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No rules: every message, login and command goes through.</p>
        )}
        <form class="fault-form" onSubmit={(event) => void add(event)}>
          <input
            name="rule"
            value={rule}
            onInput={(event) => setRule(event.currentTarget.value)}
            placeholder="rcpt=bounce@*:reject=550"
            aria-label="New rule"
            size={40}
          />
          <button type="submit" disabled={!rule.trim()}>
            Add rule
          </button>
          <button type="button" class="danger" disabled={!faults?.rules.length} onClick={() => void clear()}>
            Clear all
          </button>
        </form>
        {problem && (
          <p class="fault-problem" role="alert">
            {problem}
          </p>
        )}
        {faults && faults.log.length > 0 && (
          <>
            <h3>Recent firings</h3>
            <ul class="fault-log">
              {faults.log
                .slice(-SHOWN_FIRINGS)
                .reverse()
                .map((f, index) => (
                  <li key={index}>
                    <time>{f.time.slice(11, 19)}</time> {f.session} {f.matched} → {f.action}
                  </li>
                ))}
            </ul>
          </>
        )}
        <p class="muted">Grammar: [smtp:|imap:|pop3:]KEY=PATTERN:ACTION[,rate=P][,seed=N][,times=N] — see docs/faults.md.</p>
      </section>
    </div>
  );
}
