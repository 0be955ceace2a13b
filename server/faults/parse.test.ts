import { describe, expect, it } from 'vitest';
import { parseFaultRule } from './parse.ts';

describe('fault rule grammar', () => {
  it('reads the examples of the issue as written', () => {
    expect(parseFaultRule('rcpt=bounce@*:reject=550')).toMatchObject({ protocol: 'smtp', key: 'rcpt', action: { kind: 'reject', code: 550, text: null }, rate: 1, times: null });
    expect(parseFaultRule('rcpt=slow@*:delay=2000').action).toEqual({ kind: 'delay', ms: 2000 });
    expect(parseFaultRule('rcpt=drop@*:drop').action).toEqual({ kind: 'drop' });
    expect(parseFaultRule('rcpt=*@flaky.test:reject=451,rate=0.5,seed=42')).toMatchObject({ action: { code: 451 }, rate: 0.5, seed: 42 });
    expect(parseFaultRule('imap:command=APPEND:no=OVERQUOTA')).toMatchObject({ protocol: 'imap', key: 'command', action: { kind: 'no', code: 'OVERQUOTA' } });
    expect(parseFaultRule('pop3:command=RETR:drop')).toMatchObject({ protocol: 'pop3', action: { kind: 'drop' } });
  });

  it('reads sizes, headers, IPv6 patterns, text with commas and times', () => {
    expect(parseFaultRule('size>1m:reject=552').match).toEqual({ kind: 'size', op: '>', bytes: 1024 * 1024 });
    expect(parseFaultRule('header:X-Test=boom*:discard').key).toBe('header:x-test');
    expect(parseFaultRule('connect=::1:drop').match).toMatchObject({ pattern: '::1' });
    expect(parseFaultRule('rcpt=a@*:reject=552,times=2,text=Mailbox full, try later')).toMatchObject({
      times: 2,
      action: { text: 'Mailbox full, try later' },
    });
    expect(parseFaultRule('pop3:login=*:err=IN-USE').action).toEqual({ kind: 'err', code: 'IN-USE', text: null });
  });

  it('globs without regard to case, against the whole value', () => {
    const { match } = parseFaultRule('rcpt=*@Flaky.test:drop');
    if (match.kind !== 'glob') throw new Error('expected a glob');
    expect(match.regex.test('ANY@flaky.TEST')).toBe(true);
    expect(match.regex.test('any@flaky.test.org')).toBe(false);
    expect(parseFaultRule('from=a.b?c@x:drop').match).toMatchObject({ regex: /^a\.b.c@x$/is });
  });

  it.each([
    ['rcpt=x', 'expected KEY=PATTERN:ACTION'],
    ['rcpt=x:explode', 'unknown action "explode" for smtp'],
    ['rcpt=x:reject=250', 'expected an SMTP code 400-599'],
    ['imap:command=APPEND:reject=550', 'unknown action "reject=550" for imap'],
    ['imap:rcpt=x:bad', 'unknown key "rcpt" for imap'],
    ['pop3:size>1m:err', 'size is an SMTP key'],
    ['rcpt=x:drop,rate=2', 'rate=2'],
    ['rcpt=x:drop,times=0', 'times=0'],
    ['rcpt=x:drop,seed=-1', 'seed=-1'],
    ['rcpt=x:drop,text=hi', 'text= does not go with drop'],
    ['rcpt=:drop', 'the pattern is empty'],
    ['', 'empty rule'],
  ])('refuses %j naming the rule and what is wrong', (rule, what) => {
    expect(() => parseFaultRule(rule)).toThrow(`fault rule "${rule}": `);
    expect(() => parseFaultRule(rule)).toThrow(what);
  });
});
