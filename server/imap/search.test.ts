import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MessageStore } from '../store/store.ts';
import type { StoredMessage } from '../store/message.ts';
import { compileSearch } from './search.ts';
import type { SearchContext, SearchKey } from './syntax.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const store = new MessageStore({ maxMessages: 100, maxBytes: 100_000_000 });
const add = (name: string, flags: string[] = []) =>
  store.add(fixture(name), { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] }, {
    flags,
    receivedAt: new Date(Date.UTC(2026, 10, 24, 23, 59, 59)),
  });

const encoded = add('encoded-headers.eml', ['\\Seen', '\\Flagged', '$Work']);
const nested = add('nested-multipart.eml', ['\\Answered']);
const charsets = add('charsets.eml');
const plain = add('plain.eml');
const noDate = add('no-content-type.eml');
// \Recent in this session: the two messages that arrived last.
const ctx: SearchContext = { seq: 3, maxSeq: 5, maxUid: noDate.id, isRecent: (id) => id >= plain.id, saved: new Set([plain.id]) };

const matches = (key: SearchKey, message: StoredMessage, context = ctx) => compileSearch(key)(message, context);
const header = (field: string, value: string): SearchKey => ({ kind: 'header', field, value });
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('SEARCH keys: flags', () => {
  it('matches system flags set and unset', () => {
    expect(matches({ kind: 'flag', flag: 'SEEN', set: true }, encoded)).toBe(true);
    expect(matches({ kind: 'flag', flag: 'SEEN', set: false }, encoded)).toBe(false);
    expect(matches({ kind: 'flag', flag: 'ANSWERED', set: true }, nested)).toBe(true);
    expect(matches({ kind: 'flag', flag: 'DELETED', set: false }, nested)).toBe(true);
    expect(matches({ kind: 'flag', flag: 'DRAFT', set: true }, nested)).toBe(false);
  });

  it('matches keywords without regard to case', () => {
    expect(matches({ kind: 'keyword', keyword: '$work', set: true }, encoded)).toBe(true);
    expect(matches({ kind: 'keyword', keyword: '$Work', set: false }, encoded)).toBe(false);
    expect(matches({ kind: 'keyword', keyword: '$Work', set: false }, plain)).toBe(true);
  });

  it('asks the session what is \\Recent: RECENT, NEW (recent and unseen), OLD', () => {
    const seenRecent = add('plain.eml', ['\\Seen']);
    const expected: Array<[StoredMessage, recent: boolean, isNew: boolean]> = [
      [encoded, false, false],
      [plain, true, true],
      [seenRecent, true, false],
    ];
    for (const [message, recent, isNew] of expected) {
      expect(matches({ kind: 'recent' }, message)).toBe(recent);
      expect(matches({ kind: 'new' }, message)).toBe(isNew);
      expect(matches({ kind: 'old' }, message)).toBe(!recent);
      expect(matches({ kind: 'all' }, message)).toBe(true);
    }
  });
});

describe('SEARCH keys: headers', () => {
  it('searches decoded values, case-insensitively', () => {
    expect(matches(header('SUBJECT', 'MÜNCHEN AND CAFÉ'), encoded)).toBe(true);
    expect(matches(header('SUBJECT', '=?UTF-8?B?'), encoded)).toBe(false);
    expect(matches(header('FROM', 'chloé dubois'), encoded)).toBe(true);
    expect(matches(header('FROM', 'FIRST.LAST@EXAMPLE'), encoded)).toBe(true);
    expect(matches(header('TO', 'jörg'), encoded)).toBe(true);
    expect(matches(header('TO', 'team'), encoded)).toBe(true);
    expect(matches(header('CC', 'postmaster'), encoded)).toBe(true);
    expect(matches(header('BCC', 'hidden@'), encoded)).toBe(true);
    expect(matches(header('BCC', 'hidden@'), plain)).toBe(false);
    expect(matches(header('X-LATIN1', 'straße'), encoded)).toBe(true);
    expect(matches(header('Message-ID', 'encoded@'), encoded)).toBe(true);
  });

  it('matches any message that has the field when the value is empty', () => {
    expect(matches(header('IN-REPLY-TO', ''), encoded)).toBe(true);
    expect(matches(header('IN-REPLY-TO', ''), plain)).toBe(false);
    expect(matches(header('SUBJECT', ''), plain)).toBe(true);
    expect(matches(header('BCC', ''), plain)).toBe(false);
  });
});

describe('SEARCH keys: BODY and TEXT', () => {
  const body = (value: string): SearchKey => ({ kind: 'body', value });

  it('decodes quoted-printable, base64 and charsets of text parts', () => {
    expect(matches(body('Crème brûlée, naïve façade'), charsets)).toBe(true);
    expect(matches(body('“smart quotes” cost 5€'), charsets)).toBe(true);
    expect(matches(body('日本語のテキスト'), charsets)).toBe(true);
    expect(matches(body('grüße'), charsets)).toBe(true);
    expect(matches(body('secretword'), charsets)).toBe(false);
  });

  it('joins soft line breaks, reads HTML as text and looks inside attached messages', () => {
    expect(matches(body('softly broken'), nested)).toBe(true);
    expect(matches(body('café & crème brûlée'), nested)).toBe(true);
    expect(matches(body('color:red'), nested)).toBe(false);
    expect(matches(body('<b>'), nested)).toBe(false);
    expect(matches(body('narwhal'), nested)).toBe(true);
    expect(matches(body('the inner message'), nested)).toBe(true);
    expect(matches(body('nested parts'), nested)).toBe(false);
  });

  it('TEXT searches the header and the body', () => {
    expect(matches({ kind: 'text', value: 'nested parts' }, nested)).toBe(true);
    expect(matches({ kind: 'text', value: 'NARWHAL' }, nested)).toBe(true);
    expect(matches({ kind: 'text', value: 'grüße aus' }, encoded)).toBe(true);
    expect(matches({ kind: 'text', value: 'zebrafish' }, nested)).toBe(false);
  });

  it('reads a body without Content-Type as text, not as the base64 it claims', () => {
    expect(matches(body('plain old text'), noDate)).toBe(true);
  });
});

describe('SEARCH keys: dates, sizes, numbers', () => {
  const date = (which: 'internal' | 'sent', op: 'before' | 'on' | 'since', d: Date): SearchKey => ({ kind: 'date', which, op, date: d });

  it('compares INTERNALDATE by UTC calendar day, ignoring the time', () => {
    expect(matches(date('internal', 'on', day(2026, 11, 24)), plain)).toBe(true);
    expect(matches(date('internal', 'since', day(2026, 11, 24)), plain)).toBe(true);
    expect(matches(date('internal', 'since', day(2026, 11, 25)), plain)).toBe(false);
    expect(matches(date('internal', 'before', day(2026, 11, 24)), plain)).toBe(false);
    expect(matches(date('internal', 'before', day(2026, 11, 25)), plain)).toBe(true);
  });

  it('compares SENT by the day the Date header names, in its own zone', () => {
    // Tue, 24 Nov 2026 23:30:00 -0800 is the 25th in UTC, but the message says the 24th.
    expect(matches(date('sent', 'on', day(2026, 11, 24)), encoded)).toBe(true);
    expect(matches(date('sent', 'since', day(2026, 11, 25)), encoded)).toBe(false);
    expect(matches(date('sent', 'before', day(2026, 11, 25)), encoded)).toBe(true);
    expect(matches(date('sent', 'on', day(2026, 11, 23)), plain)).toBe(true);
    expect(matches(date('sent', 'since', day(1970, 1, 1)), noDate)).toBe(false);
    expect(matches(date('sent', 'before', day(2100, 1, 1)), noDate)).toBe(false);
  });

  it('compares sizes strictly', () => {
    expect(matches({ kind: 'size', op: 'larger', size: plain.size - 1 }, plain)).toBe(true);
    expect(matches({ kind: 'size', op: 'larger', size: plain.size }, plain)).toBe(false);
    expect(matches({ kind: 'size', op: 'smaller', size: plain.size }, plain)).toBe(false);
    expect(matches({ kind: 'size', op: 'smaller', size: plain.size + 1 }, plain)).toBe(true);
  });

  it('matches sequence numbers and UIDs, with * as the largest', () => {
    expect(matches({ kind: 'seq', set: [{ from: 2, to: 4 }] }, plain)).toBe(true);
    expect(matches({ kind: 'seq', set: [{ from: '*', to: '*' }] }, plain)).toBe(false);
    expect(matches({ kind: 'seq', set: [{ from: '*', to: '*' }] }, plain, { ...ctx, seq: 5 })).toBe(true);
    expect(matches({ kind: 'uid', set: [{ from: plain.id, to: plain.id }] }, plain)).toBe(true);
    expect(matches({ kind: 'uid', set: [{ from: '*', to: plain.id + 1 }] }, plain)).toBe(false);
    expect(matches({ kind: 'uid', set: [{ from: '*', to: plain.id + 1 }] }, noDate)).toBe(true);
    // `$` names the saved ids, whether written as a sequence set or after UID.
    expect(matches({ kind: 'seq', set: { saved: true } }, plain)).toBe(true);
    expect(matches({ kind: 'uid', set: { saved: true } }, noDate)).toBe(false);
  });

  it('matches MODSEQ at or above the value', () => {
    expect(matches({ kind: 'modseq', modseq: plain.modseq }, plain)).toBe(true);
    expect(matches({ kind: 'modseq', modseq: plain.modseq + 1 }, plain)).toBe(false);
  });
});

describe('SEARCH keys: NOT, OR and AND', () => {
  it('combines keys', () => {
    const seen: SearchKey = { kind: 'flag', flag: 'SEEN', set: true };
    const narwhal: SearchKey = { kind: 'body', value: 'narwhal' };
    const tree: SearchKey = { kind: 'or', left: seen, right: { kind: 'and', keys: [narwhal, { kind: 'not', key: seen }] } };
    expect([encoded, nested, charsets, plain].map((m) => matches(tree, m))).toEqual([true, true, false, false]);
    expect(matches({ kind: 'and', keys: [] }, plain)).toBe(true);
    expect(matches({ kind: 'not', key: { kind: 'or', left: seen, right: narwhal } }, plain)).toBe(true);
  });
});
