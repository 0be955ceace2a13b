// Compiles server/ to dist/ (JavaScript and declarations) from a clean directory, so no output of a
// deleted source survives, and adds the CommonJS entry, which is plain JavaScript.
import { copyFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
copyFileSync('server/require.cjs', 'dist/require.cjs');
