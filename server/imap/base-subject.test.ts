import { describe, expect, it } from 'vitest';
import { readSubject, sortSubject } from './base-subject.ts';
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

  it('gives SORT and THREAD the upper-cased base subject of each message, worked out once per message', () => {
    const first = { subject: 'Re: [team] Fwd: Quarterly   report (fwd)' };
    const second = { subject: 'quarterly report' };
    expect(sortSubject(first)).toBe('QUARTERLY REPORT');
    expect(sortSubject(second)).toBe('QUARTERLY REPORT');
    // Kept per message: a second look does not read the subject again.
    Object.defineProperty(first, 'subject', { get: () => expect.unreachable('subject read twice') });
    expect(sortSubject(first)).toBe('QUARTERLY REPORT');
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
