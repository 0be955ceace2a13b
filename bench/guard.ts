// Every bench stops by itself: a hard time limit, and Ctrl-C or SIGTERM exit through process.exit
// so the 'exit' handlers of bench/dovecot.ts and bench/targets.ts kill servers and remove temp dirs.
export function guardProcess(limitMs: number): void {
  setTimeout(() => {
    console.error(`bench: time limit of ${Math.round(limitMs / 1000)} s reached, stopping`);
    process.exit(1);
  }, limitMs).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
}
