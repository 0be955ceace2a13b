import { describe, expect, it } from 'vitest';
import { parseSearch } from './parse.ts';
import { splitWords } from './tokens.ts';
import { parseDate, parseSize } from './values.ts';

describe('splitWords', () => {
  it('splits on white space and groups quoted phrases', () => {
    expect(splitWords('  hello   "big world" subject:"two words" -"not this" ')).toEqual([
      'hello',
      'big world',
      'subject:two words',
      '-not this',
    ]);
  });

  it('runs an unclosed quote to the end and drops empty quotes', () => {
    expect(splitWords('a "b c')).toEqual(['a', 'b c']);
    expect(splitWords('"" a')).toEqual(['a']);
  });
});

describe('parseSearch', () => {
  it('reads bare words as lower-cased text terms, ANDed in order', () => {
    expect(parseSearch('Invoice "Due Today"')).toEqual([
      { negate: false, kind: 'text', value: 'invoice' },
      { negate: false, kind: 'text', value: 'due today' },
    ]);
  });

  it('reads every address field and addressed:', () => {
    const fields = parseSearch('from:Alice to:bob cc:c bcc:d reply-to:e').map((t) => (t.kind === 'address' ? t.fields : null));
    expect(fields).toEqual([['from'], ['to'], ['cc'], ['bcc'], ['reply-to']]);
    expect(parseSearch('addressed:x@y')[0]).toMatchObject({ kind: 'address', fields: ['from', 'to', 'cc', 'bcc', 'reply-to'], value: 'x@y' });
    expect(parseSearch('FROM:Alice')[0]).toMatchObject({ kind: 'address', value: 'alice' });
  });

  it('reads subject, message-id and tag', () => {
    expect(parseSearch('subject:"Your Order" message-id:<abc@x> tag:Urgent')).toEqual([
      { negate: false, kind: 'subject', value: 'your order' },
      { negate: false, kind: 'message-id', value: 'abc@x' },
      { negate: false, kind: 'tag', value: 'urgent' },
    ]);
  });

  it('reads states, with is:unread as a negated is:read', () => {
    expect(parseSearch('is:read is:unread is:tagged has:attachment has:inline').map((t) => [t.kind, t.negate])).toEqual([
      ['read', false],
      ['read', true],
      ['tagged', false],
      ['attachment', false],
      ['inline', false],
    ]);
  });

  it('negates with - or !, but a lone - is a word', () => {
    expect(parseSearch('-from:spam !is:read -')).toEqual([
      { negate: true, kind: 'address', fields: ['from'], value: 'spam' },
      { negate: true, kind: 'read' },
      { negate: false, kind: 'text', value: '-' },
    ]);
    expect(parseSearch('!is:unread')[0]).toEqual({ negate: false, kind: 'read' });
  });

  it('reads sizes; a size that is none is searched as text', () => {
    expect(parseSearch('larger:2kb smaller:1.5M larger:300')).toEqual([
      { negate: false, kind: 'larger', bytes: 2048 },
      { negate: false, kind: 'smaller', bytes: 1572864 },
      { negate: false, kind: 'larger', bytes: 300 },
    ]);
    expect(parseSearch('larger:huge')).toEqual([{ negate: false, kind: 'text', value: 'larger:huge' }]);
  });

  it('reads dates in the given zone and leaves out unreadable ones', () => {
    const [after, before] = parseSearch('after:2024-03-01 before:"2024-03-02 12:30"', { timeZone: 'Pacific/Auckland' });
    expect(after).toEqual({ negate: false, kind: 'after', at: new Date('2024-02-29T11:00:00Z') });
    expect(before).toEqual({ negate: false, kind: 'before', at: new Date('2024-03-01T23:30:00Z') });
    expect(parseSearch('after:someday before:')).toEqual([]);
  });

  it('keeps unknown prefixes and empty values out of the fields', () => {
    expect(parseSearch('foo:bar subject: from:')).toEqual([{ negate: false, kind: 'text', value: 'foo:bar' }]);
  });
});

describe('values', () => {
  it('parses sizes like Mailpit', () => {
    expect(parseSize('10k')).toBe(10240);
    expect(parseSize('1 mb')).toBe(1048576);
    expect(parseSize('0')).toBeNull();
    expect(parseSize('5gb')).toBeNull();
  });

  it('parses dates with their own zone as given', () => {
    expect(parseDate('2024-03-01T10:00:00Z')).toEqual(new Date('2024-03-01T10:00:00Z'));
    expect(parseDate('Fri, 01 Mar 2024 10:00:00 +0100')).toEqual(new Date('2024-03-01T09:00:00Z'));
    expect(parseDate('2024-03-01', 'UTC')).toEqual(new Date('2024-03-01T00:00:00Z'));
  });
});
