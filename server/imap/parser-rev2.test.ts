// The two grammars a session can be read by: RFC 3501's, and RFC 9051's once IMAP4rev2 is enabled.
import { describe, expect, it } from 'vitest';
import type { Command } from './commands/index.ts';
import { grammarOf, parseCommand } from './parser.ts';

const REV1 = grammarOf({ imap4rev2: false });
const REV2 = grammarOf({ imap4rev2: true });

const parse = (text: string, grammar = REV2): Command => {
  const result = parseCommand(Buffer.from(text), grammar);
  if ('error' in result) throw result.error;
  return result.parsed.command;
};
const refusal = (text: string, grammar = REV2) => {
  const result = parseCommand(Buffer.from(text), grammar);
  return 'error' in result ? `${result.error.kind} ${result.error.message}` : null;
};

describe('the IMAP4rev2 grammar', () => {
  it('reads mailbox names and LIST patterns as UTF-8, where IMAP4rev1 decodes modified UTF-7', () => {
    expect(parse('a SELECT "R&D"')).toMatchObject({ mailbox: 'R&D' });
    expect(parse('a SELECT Entw&APw-rfe')).toMatchObject({ mailbox: 'Entw&APw-rfe' });
    expect(parse('a SELECT Entw&APw-rfe', REV1)).toMatchObject({ mailbox: 'Entwürfe' });
    expect(parse('a LIST "&ANw-" "&ANw-*"')).toMatchObject({ reference: '&ANw-', patterns: ['&ANw-*'] });
    expect(parse('a LIST "&ANw-" "&ANw-*"', REV1)).toMatchObject({ reference: 'Ü', patterns: ['Ü*'] });
    expect(parse('a RENAME "Übung" "Ärger"')).toMatchObject({ from: 'Übung', to: 'Ärger' });
  });

  it('has no LSUB, CHECK, RECENT/NEW/OLD search keys, STATUS RECENT or RFC822 fetch items; IMAP4rev1 keeps them', () => {
    for (const command of ['a LSUB "" *', 'a CHECK', 'a SEARCH RECENT', 'a UID SEARCH NOT NEW', 'a SEARCH OR OLD SEEN', 'a SORT (DATE) UTF-8 RECENT', 'a STATUS INBOX (MESSAGES RECENT)', 'a FETCH 1 RFC822', 'a UID FETCH 1 (UID RFC822.HEADER)', 'a FETCH 1 (RFC822.TEXT)']) {
      expect(refusal(command), command).toMatch(/^BAD /);
      expect(refusal(command, REV1), command).toBeNull();
    }
  });

  it('takes STATUS DELETED, which IMAP4rev1 does not know', () => {
    expect(parse('a STATUS INBOX (MESSAGES DELETED SIZE)')).toMatchObject({ items: ['MESSAGES', 'DELETED', 'SIZE'] });
    expect(refusal('a STATUS INBOX (DELETED)', REV1)).toBe('BAD unknown STATUS item DELETED');
    expect(parse('a FETCH 1 (RFC822.SIZE BODY.PEEK[HEADER])')).toMatchObject({ name: 'FETCH' });
  });
});
