// Runs a task once things go quiet: each call puts it off by `quietMs` again, but never more than
// `maxWaitMs` after the first call it is answering, so a steady stream of calls cannot starve it.
export interface QuietTimer {
  schedule(): void;
}

export function quietTimer(quietMs: number, maxWaitMs: number, task: () => void): QuietTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCall: number | null = null;
  return {
    schedule() {
      const now = Date.now();
      firstCall ??= now;
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          firstCall = null;
          task();
        },
        Math.max(0, Math.min(quietMs, firstCall + maxWaitMs - now)),
      );
    },
  };
}
