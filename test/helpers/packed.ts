// The package as users get it: packed from the built tree by scripts/image-steps.sh (the image's own
// step), in a temporary directory that an unprivileged user can read. `npm test` builds first.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const steps = join(repoRoot, 'scripts', 'image-steps.sh');
const exec = promisify(execFile);

export interface Packed {
  dir: string;
  tarball: string;
  /** Runs one of scripts/image-steps.sh's steps. */
  step(...args: string[]): Promise<void>;
  remove(): void;
}

export async function packTarball(): Promise<Packed> {
  const dir = mkdtempSync(join(tmpdir(), 'mailsandbox-packed-'));
  chmodSync(dir, 0o755);
  const step = async (...args: string[]) => {
    await exec(steps, args, { cwd: repoRoot, timeout: 180_000 });
  };
  await step('pack', dir);
  return { dir, tarball: join(dir, 'mailsandbox.tgz'), step, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
