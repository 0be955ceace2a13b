import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mimeProblems } from './problems.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('mimeProblems', () => {
  it('finds nothing wrong in well-formed mail', () => {
    for (const name of ['plain.eml', 'multipart-attachment.eml', 'inline-cid.eml', 'utf8-headers.eml']) expect(mimeProblems(fixture(name)), name).toEqual([]);
  });

  it('reports an unclosed multipart and a missing header block', () => {
    expect(mimeProblems(fixture('malformed.eml'))).toEqual(['multipart boundary "never-closed" is never closed']);
    expect(mimeProblems(Buffer.from('just some text\r\nwith no headers'))).toEqual([
      'no blank line ends the header block',
      'the first line is not a header: just some text',
    ]);
  });
});
