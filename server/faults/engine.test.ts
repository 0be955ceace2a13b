import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { Faults } from './engine.ts';

const outcomes = (faults: Faults, n: number) => Array.from({ length: n }, () => faults.check('smtp', 'rcpt', 'x@flaky.test', 's') !== null);

describe('Faults', () => {
  it('replays a seeded rate: the same seed gives the same outcomes after every set()', () => {
    const faults = new Faults(['rcpt=*@flaky.test:reject=451,rate=0.5,seed=42'], silentLogger);
    const first = outcomes(faults, 40);
    faults.set(['rcpt=*@flaky.test:reject=451,rate=0.5,seed=42']);
    expect(outcomes(faults, 40)).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(5);
    expect(first.filter((fired) => !fired).length).toBeGreaterThan(5);
    faults.set(['rcpt=*@flaky.test:reject=451,rate=0.5,seed=43']);
    expect(outcomes(faults, 40)).not.toEqual(first);
  });

  it('retires a rule after times=N and counts matches, firings and the log', () => {
    const faults = new Faults(['rcpt=a@*:reject=550,times=2', 'rcpt=*:delay=1'], silentLogger);
    expect(faults.check('smtp', 'rcpt', 'a@x', 'smtp:1')).toMatchObject({ kind: 'reject' });
    expect(faults.check('smtp', 'rcpt', 'a@x', 'smtp:1')).toMatchObject({ kind: 'reject' });
    expect(faults.check('smtp', 'rcpt', 'a@x', 'smtp:1')).toEqual({ kind: 'delay', ms: 1 });
    expect(faults.check('imap', 'rcpt', 'a@x', 'imap#1')).toBeNull();
    const { rules, log } = faults.snapshot();
    expect(rules[0]).toMatchObject({ fired: 2, matched: 2, remaining: 0 });
    expect(rules[1]).toMatchObject({ fired: 1, remaining: null });
    expect(log.map((f) => [f.session, f.matched, f.action])).toEqual([
      ['smtp:1', 'rcpt=a@x', 'reject'],
      ['smtp:1', 'rcpt=a@x', 'reject'],
      ['smtp:1', 'rcpt=a@x', 'delay'],
    ]);
  });

  it('changes nothing when one rule of a set() is bad', () => {
    const faults = new Faults(['rcpt=a@*:drop'], silentLogger);
    expect(() => faults.set(['rcpt=b@*:drop', 'rcpt=c@*:nope'])).toThrow('fault rule "rcpt=c@*:nope"');
    expect(faults.snapshot().rules.map((r) => r.rule)).toEqual(['rcpt=a@*:drop']);
  });

  it('shows the random seed an unseeded rate drew, so the run can be replayed', () => {
    const faults = new Faults(['rcpt=*:drop,rate=0.3'], silentLogger);
    const { seed } = faults.snapshot().rules[0];
    expect(Number.isInteger(seed)).toBe(true);
    const first = outcomes(faults, 30);
    faults.set([`rcpt=*:drop,rate=0.3,seed=${seed}`]);
    expect(outcomes(faults, 30)).toEqual(first);
  });
});
