// A short message at the bottom of the screen: what an action did, or why it failed.
import { notice } from './state.ts';

const SHOW_MS = 4000;
let timer: ReturnType<typeof setTimeout> | undefined;

export function notify(text: string, error = false): void {
  notice.value = { text, error };
  clearTimeout(timer);
  timer = setTimeout(() => (notice.value = null), SHOW_MS);
}

export function reportError(err: unknown): void {
  notify(err instanceof Error ? err.message : String(err), true);
}
