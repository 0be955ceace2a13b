// The README is the manual: every option and every API route must be in it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../server/config.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every option with its environment variable', () => {
    for (const o of OPTIONS) {
      expect(readme, o.flag).toContain(`\`${o.flag}`);
      expect(readme, o.env).toContain(o.env);
    }
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
