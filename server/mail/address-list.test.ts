import { describe, expect, it } from 'vitest';
import { parseAddressList } from './address-list.ts';

const mailbox = (name: string | null, local: string, domain: string | null, route: string | null = null) => ({
  kind: 'mailbox', name, route, local, domain,
});

describe('parseAddressList', () => {
  it('reads phrases, quoted names with escapes and commas, and comments as names', () => {
    expect(parseAddressList('From Real <from@x.org>, "Last, \\"Q\\" First" <lf@y.org>, bare@z.org (Comment (nested))')).toEqual([
      mailbox('From Real', 'from', 'x.org'),
      mailbox('Last, "Q" First', 'lf', 'y.org'),
      mailbox('Comment (nested)', 'bare', 'z.org'),
    ]);
  });

  it('keeps encoded-words and 8-bit text as written', () => {
    expect(parseAddressList('=?UTF-8?Q?Chlo=C3=A9?= <c@x.fr>, J\xf6rg <j@x.de>')).toEqual([
      mailbox('=?UTF-8?Q?Chlo=C3=A9?=', 'c', 'x.fr'),
      mailbox('J\xf6rg', 'j', 'x.de'),
    ]);
  });

  it('reads groups, empty groups and members', () => {
    expect(parseAddressList('team: a@x.org, B <b@y.org>;, undisclosed-recipients:;')).toEqual([
      { kind: 'group', name: 'team' },
      mailbox(null, 'a', 'x.org'),
      mailbox('B', 'b', 'y.org'),
      { kind: 'group-end' },
      { kind: 'group', name: 'undisclosed-recipients' },
      { kind: 'group-end' },
    ]);
  });

  it('closes a group left open and skips empty entries', () => {
    expect(parseAddressList('g: a@x.org, , ')).toEqual([{ kind: 'group', name: 'g' }, mailbox(null, 'a', 'x.org'), { kind: 'group-end' }]);
  });

  it('reads source routes, quoted local parts, bare words and domain literals', () => {
    expect(parseAddressList('<@r1,@r2:u@d.org>, "john doe"@x.org, postmaster, u@[192.0.2.1]')).toEqual([
      mailbox(null, 'u', 'd.org', '@r1,@r2'),
      mailbox(null, 'john doe', 'x.org'),
      mailbox(null, 'postmaster', null),
      mailbox(null, 'u', '[192.0.2.1]'),
    ]);
  });

  it('survives junk', () => {
    for (const junk of ['', '<', '>', '"unterminated', '(unterminated', ':;:;', '<<a@b>>', '@', ',,,', 'a@b@c']) {
      expect(() => parseAddressList(junk)).not.toThrow();
    }
    expect(parseAddressList('a@b@c')).toEqual([mailbox(null, 'a@b', 'c')]);
  });
});
