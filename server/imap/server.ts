// Placeholder until the IMAP issue lands: starts nothing.
import type { ListenOptions, ServerDeps } from '../deps.ts';
import type { RunningListener } from '../listener.ts';

export async function startImapServer(_deps: ServerDeps, _options: ListenOptions): Promise<RunningListener | null> {
  return null;
}
