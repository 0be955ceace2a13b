import { describe, expect, it } from 'vitest';
import { readSubject } from './base-subject.ts';
import { formatThreads } from './thread.ts';

describe('base subject (RFC 5256 2.1)', () => {
  it('takes off reply and forward markers, list tags and trailers, and squeezes whitespace', () => {
    const cases: Array<[string, string, boolean]> = [
      ['Project plan', 'Project plan', false],
      ['Re: Project plan', 'Project plan', true],
      ['[team] RE: re: Project   plan (fwd)', 'Project plan', true],
      ['Fwd: [Fwd: Budget]', 'Budget', true],
      ['[announce] Launch', 'Launch', false],
      ['[only a tag]', '[only a tag]', false],
      ['Re[2]: counted', 'counted', true],
      ['  ', '', false],
    ];
    for (const [subject, base, reply] of cases) expect(readSubject(subject), subject).toEqual({ base, replyOrForward: reply });
  });
});

describe('THREAD lists', () => {
  it('writes one child inline, several in lists of their own, and a missing parent as lists only', () => {
    const leaf = (number: number) => ({ number, children: [] });
    expect(formatThreads([{ number: 1, children: [{ number: 2, children: [leaf(3)] }] }, leaf(4)])).toBe('(1 2 3)(4)');
    expect(formatThreads([{ number: 3, children: [leaf(6), { number: 4, children: [leaf(23)] }] }])).toBe('(3 (6)(4 23))');
    expect(formatThreads([{ number: null, children: [leaf(5), leaf(4)] }])).toBe('((5)(4))');
  });
});
