// The V8 CPU profiler for a bench server process: started once the server is ready (so set-up is
// not in the profile), and written to `dir` as <name>-<time>.cpuprofile when stopped. With no dir,
// both are no-ops.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Starts profiling into `dir`; the returned function stops and writes the profile (its path, or null). */
export async function startCpuProfile(dir: string | undefined, name: string): Promise<() => Promise<string | null>> {
  if (!dir) return async () => null;
  const profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
  return async () => {
    const { profile } = await profiler.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    return file;
  };
}
