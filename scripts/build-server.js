// Builds dist/ from a clean directory: the JavaScript as two bundled entries, app.js (the library)
// and main.js (the CLI), so start-up reads a few files instead of a hundred; the declarations from
// tsc, one .d.ts per source file; and the CommonJS entry, which is plain JavaScript.
// Dependencies stay external: they are installed next to the package, never copied into it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'rolldown';

rmSync('dist', { recursive: true, force: true });
await build({
  input: { app: 'server/app.ts', main: 'server/main.ts' },
  platform: 'node',
  tsconfig: 'tsconfig.build.json',
  external: [/^[^./]/],
  logLevel: 'warn',
  // Every chunk sits at the top of dist/, one level below the package root (see server/package-root.ts).
  output: { dir: 'dist', format: 'esm', chunkFileNames: '[name]-[hash].js' },
});
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
copyFileSync('server/require.cjs', 'dist/require.cjs');
