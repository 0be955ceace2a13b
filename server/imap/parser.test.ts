import { describe, expect, it } from 'vitest';
import type { Command } from './commands/index.ts';
import { parseCommand } from './parser.ts';

const parse = (text: string | Buffer): Command => {
  const result = parseCommand(Buffer.isBuffer(text) ? text : Buffer.from(text));
  if ('error' in result) throw result.error;
  return result.parsed.command;
};
const failure = (text: string) => {
  const result = parseCommand(Buffer.from(text));
  if (!('error' in result)) throw new Error(`parsed: ${text}`);
  return { tag: result.tag, kind: result.error.kind, code: result.error.code };
};

describe('parseCommand', () => {
  it('reads tags, case-insensitive names and UID forms', () => {
    expect(parse('a1 noop')).toEqual({ name: 'NOOP' });
    expect(parse('x.9 uid fetch 1:* flags')).toMatchObject({ name: 'FETCH', uid: true, set: [{ from: 1, to: '*' }] });
    expect(failure('a1 UID NOOP')).toMatchObject({ tag: 'a1', kind: 'BAD' });
    expect(failure('+ NOOP')).toMatchObject({ tag: null, kind: 'BAD' });
    expect(failure('a1')).toMatchObject({ tag: 'a1', kind: 'BAD' });
    expect(failure('a1 FROB')).toMatchObject({ tag: 'a1', kind: 'BAD' });
    expect(failure('a1 NOOP extra')).toMatchObject({ tag: 'a1', kind: 'BAD' });
  });

  it('reads atoms, quoted strings with escapes, and literals (incl. LITERAL+)', () => {
    expect(parse('a LOGIN bob "p\\"a\\\\ss"')).toEqual({ name: 'LOGIN', user: 'bob', password: 'p"a\\ss' });
    expect(parse('a LOGIN {3}\r\nbob {4+}\r\nx y\r')).toEqual({ name: 'LOGIN', user: 'bob', password: 'x y\r' });
    expect(failure('a LOGIN {10}\r\nbob')).toMatchObject({ kind: 'BAD' });
    expect(failure('a LOGIN "unterminated')).toMatchObject({ kind: 'BAD' });
  });

  it('reads atoms and strings with 8-bit (UTF-8) data', () => {
    expect(parse('a LOGIN jürgen pässword')).toEqual({ name: 'LOGIN', user: 'jürgen', password: 'pässword' });
    expect(parse('a SELECT "Entwürfe"')).toMatchObject({ mailbox: 'Entwürfe' });
  });

  it('decodes modified UTF-7 mailbox names', () => {
    expect(parse('a SELECT Entw&APw-rfe')).toMatchObject({ mailbox: 'Entwürfe' });
    expect(parse('a CREATE "A &- B"')).toMatchObject({ mailbox: 'A & B' });
  });

  it('reads sequence sets: *, ranges and reversed ranges', () => {
    expect(parse('a FETCH 1,3:5,*,9:2 UID')).toMatchObject({
      set: [{ from: 1, to: 1 }, { from: 3, to: 5 }, { from: '*', to: '*' }, { from: 9, to: 2 }],
    });
    expect(failure('a FETCH 0 UID')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1: UID')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1,,2 UID')).toMatchObject({ kind: 'BAD' });
  });

  it('expands FETCH macros and reads sections with partials', () => {
    expect(parse('a FETCH 1 FAST')).toMatchObject({ attributes: [{ kind: 'FLAGS' }, { kind: 'INTERNALDATE' }, { kind: 'RFC822.SIZE' }] });
    expect(parse('a FETCH 1 ALL')).toMatchObject({ attributes: [{}, {}, {}, { kind: 'ENVELOPE' }] });
    expect(parse('a FETCH 1 FULL').name === 'FETCH' && (parse('a FETCH 1 FULL') as { attributes: unknown[] }).attributes).toHaveLength(5);
    const command = parse('a FETCH 1 (UID BODY.PEEK[1.2.HEADER.FIELDS (From "To")]<10.20> body[] BODY[2.MIME] RFC822.SIZE)');
    expect(command).toMatchObject({
      attributes: [
        { kind: 'UID' },
        { kind: 'BODY[]', peek: true, section: { part: [1, 2], text: 'HEADER.FIELDS', fields: ['FROM', 'TO'] }, partial: { offset: 10, length: 20 } },
        { kind: 'BODY[]', peek: false, section: { part: [], text: null, fields: [] }, partial: null },
        { kind: 'BODY[]', section: { part: [2], text: 'MIME' } },
        { kind: 'RFC822.SIZE' },
      ],
    });
    expect(failure('a FETCH 1 (BODY[MIME])')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1 (BODY[1]<5>)')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1 (FLAGS')).toMatchObject({ kind: 'BAD' });
  });

  it('reads the CHANGEDSINCE and VANISHED modifiers', () => {
    expect(parse('a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)')).toMatchObject({ changedSince: 12345, vanished: false });
    expect(parse('a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5 VANISHED)')).toMatchObject({ changedSince: 5, vanished: true });
    expect(failure('a UID FETCH 1:* (FLAGS) (VANISHED)')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1:* (FLAGS) (CHANGEDSINCE 5 VANISHED)')).toMatchObject({ kind: 'BAD' });
  });

  it('reads SELECT parameters for CONDSTORE and QRESYNC', () => {
    expect(parse('a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))')).toMatchObject({
      condstore: false,
      qresync: { uidValidity: 67890007, modseq: 20050715194045000, knownUids: [{ from: 41, to: 41 }, { from: 43, to: 211 }, { from: 214, to: 541 }] },
    });
    expect(parse('a EXAMINE INBOX (QRESYNC (1 2 1:9 (1,5 3,8)) CONDSTORE)')).toMatchObject({ condstore: true, qresync: { knownUids: [{ from: 1, to: 9 }] } });
    expect(parse('a SELECT INBOX (QRESYNC (1 2))')).toMatchObject({ qresync: { uidValidity: 1, modseq: 2, knownUids: null } });
    expect(failure('a SELECT INBOX (QRESYNC (0 2))')).toMatchObject({ kind: 'BAD' });
  });

  it('reads ESEARCH return options (RFC 4731); RETURN () means ALL', () => {
    expect(parse('a SEARCH RETURN (MIN COUNT) CHARSET UTF-8 ALL')).toMatchObject({ returns: { options: ['MIN', 'COUNT'], partial: null }, key: { kind: 'all' } });
    expect(parse('a UID SEARCH RETURN () 1:*')).toMatchObject({ uid: true, returns: { options: ['ALL'] } });
  });

  it('reads ESORT and SEARCHRES return options (RFC 5267, RFC 5182)', () => {
    expect(parse('a SORT RETURN (MIN MAX) (REVERSE DATE) UTF-8 ALL')).toMatchObject({ returns: { options: ['MIN', 'MAX'] }, criteria: [{ key: 'DATE', reverse: true }] });
    expect(parse('a UID SORT RETURN () (SUBJECT) UTF-8 ALL')).toMatchObject({ returns: { options: ['ALL'] } });
    expect(parse('a SEARCH RETURN (SAVE MIN) UNSEEN')).toMatchObject({ returns: { options: ['SAVE', 'MIN'] } });
    expect(failure('a SORT RETURN (UPDATE) (DATE) UTF-8 ALL')).toMatchObject({ kind: 'BAD' });
  });

  it('reads CONTEXT=SEARCH return options (RFC 5267 4): UPDATE, CONTEXT alone means ALL, PARTIAL once', () => {
    expect(parse('a SEARCH RETURN (UPDATE) UNSEEN')).toMatchObject({ returns: { options: ['UPDATE'], partial: null } });
    expect(parse('a SEARCH RETURN (CONTEXT) ALL')).toMatchObject({ returns: { options: ['CONTEXT', 'ALL'] } });
    expect(parse('a SEARCH RETURN (PARTIAL 9:3 COUNT) ALL')).toMatchObject({ returns: { options: ['COUNT'], partial: [3, 9] } });
    expect(parse('a SORT RETURN (PARTIAL 1:5) (DATE) UTF-8 ALL')).toMatchObject({ returns: { options: [], partial: [1, 5] } });
    expect(failure('a SEARCH RETURN (PARTIAL 0:5) ALL')).toMatchObject({ kind: 'BAD' });
    expect(failure('a SEARCH RETURN (PARTIAL 1:2 PARTIAL 3:4) ALL')).toMatchObject({ kind: 'BAD' });
    expect(parse('a CANCELUPDATE "t1" "t2"')).toEqual({ name: 'CANCELUPDATE', tags: ['t1', 't2'] });
  });

  it('reads PREVIEW and its (LAZY), told apart from FETCH modifiers (RFC 8970)', () => {
    expect(parse('a FETCH 1 (PREVIEW (LAZY) UID)')).toMatchObject({ attributes: [{ kind: 'PREVIEW' }, { kind: 'UID' }] });
    expect(parse('a UID FETCH 1:* PREVIEW (LAZY)')).toMatchObject({ attributes: [{ kind: 'PREVIEW' }], changedSince: null });
    expect(parse('a UID FETCH 1:* PREVIEW (CHANGEDSINCE 5)')).toMatchObject({ attributes: [{ kind: 'PREVIEW' }], changedSince: 5 });
    expect(failure('a FETCH 1 (PREVIEW ())')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1 (PREVIEW (FUZZY))')).toMatchObject({ kind: 'BAD' });
  });

  it('reads $, the saved result, wherever a sequence set goes, and only as a whole set (RFC 5182)', () => {
    const saved = { saved: true };
    expect(parse('a FETCH $ (UID)')).toMatchObject({ set: saved });
    expect(parse('a UID STORE $ +FLAGS (\\Seen)')).toMatchObject({ set: saved });
    expect(parse('a COPY $ Archive')).toMatchObject({ set: saved, mailbox: 'Archive' });
    expect(parse('a UID MOVE $ Trash')).toMatchObject({ set: saved });
    expect(parse('a UID EXPUNGE $')).toMatchObject({ set: saved });
    expect(parse('a SEARCH $ UID $ UNSEEN')).toMatchObject({ key: { keys: [{ kind: 'seq', set: saved }, { kind: 'uid', set: saved }, { kind: 'flag' }] } });
    expect(failure('a FETCH $,3 (UID)')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1:$ (UID)')).toMatchObject({ kind: 'BAD' });
    expect(failure('a SEARCH $,3')).toMatchObject({ kind: 'BAD' });
  });

  it('builds SEARCH key trees: implicit AND, OR, NOT, groups, dates, charset', () => {
    expect(parse('a SEARCH CHARSET UTF-8 OR FROM alice (SUBJECT "hi there" UNSEEN) NOT SINCE 1-Feb-1994 1:3')).toEqual({
      name: 'SEARCH',
      uid: false,
      returns: null,
      charset: 'UTF-8',
      key: {
        kind: 'and',
        keys: [
          {
            kind: 'or',
            left: { kind: 'header', field: 'FROM', value: 'alice' },
            right: { kind: 'and', keys: [{ kind: 'header', field: 'SUBJECT', value: 'hi there' }, { kind: 'flag', flag: 'SEEN', set: false }] },
          },
          { kind: 'not', key: { kind: 'date', which: 'internal', op: 'since', date: new Date(Date.UTC(1994, 1, 1)) } },
          { kind: 'seq', set: [{ from: 1, to: 3 }] },
        ],
      },
    });
    expect(parse('a UID SEARCH HEADER X-Test {3}\r\nabc LARGER 10 UID 5:* KEYWORD $Label')).toMatchObject({
      key: { keys: [{ kind: 'header', field: 'X-TEST', value: 'abc' }, { kind: 'size', op: 'larger', size: 10 }, { kind: 'uid' }, { kind: 'keyword', keyword: '$Label', set: true }] },
    });
    expect(parse('a SEARCH SENTBEFORE "5-Mar-2020"')).toMatchObject({ key: { kind: 'date', which: 'sent', op: 'before' } });
    expect(parse('a SEARCH MODSEQ "/flags/\\\\draft" all 620162338')).toMatchObject({ key: { kind: 'modseq', modseq: 620162338 } });
    // The charset is the handler's to refuse (a failing SEARCH RETURN (SAVE) must still empty `$`).
    expect(parse('a SEARCH CHARSET koi8-r ALL')).toMatchObject({ charset: 'KOI8-R' });
    expect(failure('a SEARCH SINCE 31-Foo-2020')).toMatchObject({ kind: 'BAD' });
    expect(failure('a SEARCH ()')).toMatchObject({ kind: 'BAD' });
    expect(failure(`a SEARCH ${'NOT '.repeat(500)}ALL`)).toMatchObject({ kind: 'BAD' });
  });

  it('reads STORE forms with .SILENT and UNCHANGEDSINCE', () => {
    expect(parse('a STORE 1:2 +FLAGS.SILENT (\\Seen $Work)')).toEqual({
      name: 'STORE', uid: false, set: [{ from: 1, to: 2 }], mode: 'add', silent: true, flags: ['\\Seen', '$Work'], unchangedSince: null,
    });
    expect(parse('a UID STORE 5 (UNCHANGEDSINCE 99) -FLAGS \\Deleted \\Seen')).toMatchObject({ mode: 'remove', silent: false, flags: ['\\Deleted', '\\Seen'], unchangedSince: 99 });
    expect(parse('a STORE 1 FLAGS ()')).toMatchObject({ mode: 'replace', flags: [] });
    expect(failure('a STORE 1 *FLAGS (\\Seen)')).toMatchObject({ kind: 'BAD' });
  });

  it('reads APPEND with flags, date-time and a literal message', () => {
    const command = parse('a APPEND Drafts (\\Draft) "05-Jan-2024 10:20:30 +0100" {7+}\r\nSubject');
    expect(command).toMatchObject({ name: 'APPEND', mailbox: 'Drafts', messages: [{ flags: ['\\Draft'], date: new Date('2024-01-05T09:20:30Z'), utf8: false }] });
    expect(command.name === 'APPEND' && command.messages[0].message.toString()).toBe('Subject');
    expect(parse('a APPEND INBOX {0}\r\n')).toMatchObject({ messages: [{ flags: [], date: null }] });
    expect(failure('a APPEND INBOX "not a literal"')).toMatchObject({ kind: 'BAD' });
  });

  it('reads MULTIAPPEND, literal8 and the UTF8 data item (RFC 3502, 3516, 6855)', () => {
    const command = parse('a APPEND INBOX (\\Seen) {1+}\r\nA ~{2+}\r\nB\0 "05-Jan-2024 10:20:30 +0100" UTF8 (~{1+}\r\nC)');
    expect(command.name === 'APPEND' && command.messages.map((m) => [m.message.toString('latin1'), m.flags, m.utf8])).toEqual([
      ['A', ['\\Seen'], false],
      ['B\0', [], false],
      ['C', [], true],
    ]);
    expect(failure('a APPEND INBOX {1+}\r\nA ')).toMatchObject({ kind: 'BAD' });
    expect(failure('a APPEND INBOX UTF8 ({1+}\r\nC)')).toMatchObject({ kind: 'BAD' });
    expect(failure('a APPEND INBOX UTF8 (~{1+}\r\nC')).toMatchObject({ kind: 'BAD' });
  });

  it('reads BINARY, BINARY.PEEK and BINARY.SIZE with part numbers only (RFC 3516)', () => {
    expect(parse('a FETCH 1 (BINARY[1.2]<0.5> BINARY.PEEK[] BINARY.SIZE[3])')).toMatchObject({
      attributes: [
        { kind: 'BINARY[]', part: [1, 2], peek: false, partial: { offset: 0, length: 5 } },
        { kind: 'BINARY[]', part: [], peek: true, partial: null },
        { kind: 'BINARY.SIZE', part: [3] },
      ],
    });
    expect(failure('a FETCH 1 BINARY[1.TEXT]')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1 BINARY[0]')).toMatchObject({ kind: 'BAD' });
    expect(failure('a FETCH 1 BINARY.SIZE[1]<0.2>')).toMatchObject({ kind: 'BAD' });
  });

  it('reads LIST in both the basic and the extended form', () => {
    expect(parse('a LIST "" %')).toMatchObject({ reference: '', patterns: ['%'], extended: false, returns: { children: true, specialUse: true } });
    expect(parse('a LIST (SPECIAL-USE) "" ("*" INBOX) RETURN (CHILDREN)')).toMatchObject({
      patterns: ['*', 'INBOX'],
      select: { specialUse: true, subscribed: false },
      returns: { subscribed: false, children: true, specialUse: true },
    });
    expect(parse('a LIST "" "*" RETURN (SUBSCRIBED SPECIAL-USE)')).toMatchObject({ select: { subscribed: false }, returns: { subscribed: true, children: false } });
    expect(parse('a list (subscribed remote recursivematch) "" (%)')).toMatchObject({ extended: true, select: { subscribed: true, recursiveMatch: true }, returns: { subscribed: true } });
    expect(parse('a LIST "" % RETURN (STATUS (MESSAGES UIDNEXT))')).toMatchObject({ status: ['MESSAGES', 'UIDNEXT'] });
    for (const wrong of ['a LIST (RECURSIVEMATCH) "" %', 'a LIST (REMOTE RECURSIVEMATCH) "" %', 'a LIST (BOGUS) "" %', 'a LIST "" % RETURN (BOGUS)', 'a LIST "" % RETURN']) {
      expect(() => parse(wrong), wrong).toThrow();
    }
    expect(parse('a LSUB "" *')).toMatchObject({ name: 'LSUB', patterns: ['*'] });
  });

  it('reads the small commands', () => {
    expect(parse('a AUTHENTICATE plain AGJvYgB4')).toEqual({ name: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: 'AGJvYgB4' });
    expect(parse('a AUTHENTICATE PLAIN =')).toMatchObject({ initialResponse: '' });
    expect(parse('a ID ("name" "x" "version" NIL)')).toEqual({ name: 'ID', parameters: [['name', 'x'], ['version', null]] });
    expect(parse('a ID NIL')).toEqual({ name: 'ID', parameters: null });
    expect(parse('a ENABLE CONDSTORE X-UNKNOWN')).toEqual({ name: 'ENABLE', capabilities: ['CONDSTORE', 'X-UNKNOWN'] });
    expect(parse('a SELECT INBOX (CONDSTORE)')).toEqual({ name: 'SELECT', mailbox: 'INBOX', condstore: true, qresync: null });
    expect(parse('a STATUS INBOX (MESSAGES UIDNEXT)')).toMatchObject({ items: ['MESSAGES', 'UIDNEXT'] });
    expect(parse('a UID EXPUNGE 3:5')).toMatchObject({ name: 'EXPUNGE', uid: true, set: [{ from: 3, to: 5 }] });
    expect(parse('a UID MOVE 1 Archive')).toEqual({ name: 'MOVE', uid: true, set: [{ from: 1, to: 1 }], mailbox: 'Archive' });
    expect(parse('a RENAME old new')).toEqual({ name: 'RENAME', from: 'old', to: 'new' });
  });
});
