// What a fired fault rule does to a POP3 command (`login` or `command`): -ERR, a delay before the
// command runs, or a dropped connection with no reply and no UPDATE.
import type { FaultAction } from '../faults/index.ts';
import type { Outcome } from './commands/command.ts';
import { err } from './reply.ts';

let sessions = 0;

/** A name for one connection in the firing log. */
export function pop3SessionName(): string {
  return `pop3#${++sessions}`;
}

export function faultOutcome(action: FaultAction, run: () => Outcome): Outcome {
  switch (action.kind) {
    case 'err':
      return { reply: err(action.text ?? 'refused by a mailsandbox fault rule', action.code ?? undefined) };
    case 'delay':
      return { reply: [], later: { ms: action.ms, next: run } };
    case 'drop':
      return { reply: [], after: 'drop' };
    default:
      return run();
  }
}
