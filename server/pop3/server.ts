// Placeholder until the POP3 issue lands: starts nothing.
import type { ListenOptions, ServerDeps } from '../deps.ts';
import type { RunningListener } from '../listener.ts';

export async function startPop3Server(_deps: ServerDeps, _options: ListenOptions): Promise<RunningListener | null> {
  return null;
}
