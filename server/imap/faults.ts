// What the IMAP session asks the fault rules: `login` (the user of LOGIN, or of AUTHENTICATE once its
// exchange is done) and `command` (the verb; a UID command matches as `UID FETCH` and as `FETCH`).
import type { FaultAction, Faults, FaultWitness } from '../faults/index.ts';
import type { ParsedCommand } from './context.ts';

let sessions = 0;

/** A name for one connection in the firing log. */
export function imapSessionName(): string {
  return `imap#${++sessions}`;
}

/** The fault a command meets before it runs, or null. */
export function commandFault(faults: Faults | undefined, parsed: ParsedCommand, session: string, witness: FaultWitness): FaultAction | null {
  if (!faults?.active) return null;
  const { name } = parsed.spec;
  const { command } = parsed;
  if (name === 'LOGIN' && 'user' in command && typeof command.user === 'string') {
    const action = faults.check('imap', 'login', command.user, session, witness);
    if (action) return action;
  }
  return faults.check('imap', 'command', parsed.uid ? [`UID ${name}`, name] : name, session, witness);
}

/** Thrown where a rule fires inside a handler (AUTHENTICATE's login): the session acts on it as on a command fault. */
export class FaultFired extends Error {
  constructor(readonly action: FaultAction) {
    super(`fault rule: ${action.kind}`);
    this.name = 'FaultFired';
  }
}

export const FAULT_TEXT = 'refused by a mailsandbox fault rule';
