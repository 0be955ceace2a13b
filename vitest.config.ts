import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests import the package by name from source; the compiled package is tested from its tarball.
  resolve: { alias: { mailsandbox: fileURLToPath(new URL('./server/app.ts', import.meta.url)) } },
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'ui/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
