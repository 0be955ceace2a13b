// SEARCH criteria -> one SearchKey tree. Several keys side by side are an AND; OR and NOT take the
// keys that follow; parentheses group.
import { bad, no } from '../errors.ts';
import type { FlagSearch, SearchKey } from '../syntax.ts';
import type { Scanner } from './scanner.ts';

const SUPPORTED_CHARSETS = new Set(['UTF-8', 'US-ASCII']);

const FLAG_KEYS: Record<string, [FlagSearch, boolean]> = {
  ANSWERED: ['ANSWERED', true],
  DELETED: ['DELETED', true],
  DRAFT: ['DRAFT', true],
  FLAGGED: ['FLAGGED', true],
  SEEN: ['SEEN', true],
  UNANSWERED: ['ANSWERED', false],
  UNDELETED: ['DELETED', false],
  UNDRAFT: ['DRAFT', false],
  UNFLAGGED: ['FLAGGED', false],
  UNSEEN: ['SEEN', false],
};

const HEADER_KEYS = new Set(['FROM', 'TO', 'CC', 'BCC', 'SUBJECT']);

const DATE_KEYS: Record<string, ['internal' | 'sent', 'before' | 'on' | 'since']> = {
  BEFORE: ['internal', 'before'],
  ON: ['internal', 'on'],
  SINCE: ['internal', 'since'],
  SENTBEFORE: ['sent', 'before'],
  SENTON: ['sent', 'on'],
  SENTSINCE: ['sent', 'since'],
};

/**
 * SEARCH's `[CHARSET x] key *(SP key)` up to the end of the command. The charset is read, not
 * checked: an unsupported one is a NO from the handler (checkCharset), and a SEARCH RETURN (SAVE)
 * that fails so still empties `$` (RFC 5182 2.1).
 */
export function parseSearch(s: Scanner): { charset: string | null; key: SearchKey } {
  let charset: string | null = null;
  if (s.word('CHARSET')) {
    // RFC 6855 3: once UTF8=ACCEPT is enabled every string is UTF-8, so a CHARSET label conflicts.
    if (s.utf8Accept) throw bad('no SEARCH CHARSET after ENABLE UTF8=ACCEPT: strings are UTF-8');
    s.sp();
    charset = readCharset(s);
    s.sp();
  }
  return { charset, key: parseSearchKeys(s) };
}

/** `key *(SP key)` up to the end of the command: several keys side by side are an AND. */
export function parseSearchKeys(s: Scanner): SearchKey {
  const keys: SearchKey[] = [searchKey(s, 0)];
  while (!s.done) {
    s.sp();
    keys.push(searchKey(s, 0));
  }
  return keys.length === 1 ? keys[0] : { kind: 'and', keys };
}

/** A search charset's name, upper-cased (SEARCH CHARSET x, SORT and THREAD's mandatory one). */
export function readCharset(s: Scanner): string {
  const charset = s.astring().toUpperCase();
  // RFC 6855 (erratum 4029): after ENABLE UTF8=ACCEPT, SORT and THREAD's charset must be UTF-8.
  if (s.utf8Accept && charset !== 'UTF-8') throw bad(`charset ${charset} conflicts with UTF8=ACCEPT: strings are UTF-8`);
  return charset;
}

/** Only text keys in these charsets can be read in; any other is a NO [BADCHARSET]. */
export function checkCharset(charset: string | null): void {
  if (charset !== null && !SUPPORTED_CHARSETS.has(charset)) throw no(`unsupported charset ${charset}`, 'BADCHARSET (UTF-8 US-ASCII)');
}

/** A search charset, read and checked (THREAD's). */
export function parseCharset(s: Scanner): void {
  checkCharset(readCharset(s));
}

/** Deep enough for any real client; stops a crafted `NOT NOT NOT ...` from exhausting the stack. */
const MAX_DEPTH = 100;

function searchKey(s: Scanner, depth: number): SearchKey {
  if (depth > MAX_DEPTH) throw bad('search criteria nested too deeply');
  if (s.at('(')) {
    const keys = s.list(() => searchKey(s, depth + 1));
    if (!keys.length) throw bad('empty search group');
    return keys.length === 1 ? keys[0] : { kind: 'and', keys };
  }
  const c = s.peek();
  if ((c >= 0x30 && c <= 0x39) || c === 0x2a || c === 0x24) return { kind: 'seq', set: s.messageSet() };
  const name = s.keyword();
  const flag = FLAG_KEYS[name];
  if (flag) return { kind: 'flag', flag: flag[0], set: flag[1] };
  if (HEADER_KEYS.has(name)) {
    s.sp();
    return { kind: 'header', field: name, value: s.astring() };
  }
  const dateKey = DATE_KEYS[name];
  if (dateKey) {
    s.sp();
    return { kind: 'date', which: dateKey[0], op: dateKey[1], date: s.date() };
  }
  switch (name) {
    case 'ALL':
      return { kind: 'all' };
    case 'NEW':
    case 'OLD':
    case 'RECENT':
      // IMAP4rev2 has no \Recent, so RFC 9051's grammar has none of these keys (Appendix E 12).
      if (s.imap4rev2) throw bad(`SEARCH ${name} is not part of IMAP4rev2`);
      return { kind: name === 'NEW' ? 'new' : name === 'OLD' ? 'old' : 'recent' };
    case 'KEYWORD':
    case 'UNKEYWORD':
      s.sp();
      return { kind: 'keyword', keyword: s.flag(), set: name === 'KEYWORD' };
    case 'HEADER': {
      s.sp();
      const field = s.astring().toUpperCase();
      s.sp();
      return { kind: 'header', field, value: s.astring() };
    }
    case 'BODY':
      s.sp();
      return { kind: 'body', value: s.astring() };
    case 'TEXT':
      s.sp();
      return { kind: 'text', value: s.astring() };
    case 'LARGER':
    case 'SMALLER':
      s.sp();
      return { kind: 'size', op: name === 'LARGER' ? 'larger' : 'smaller', size: s.number() };
    case 'OLDER':
    case 'YOUNGER': {
      s.sp();
      const seconds = s.number();
      if (seconds === 0) throw bad(`${name} takes a positive number of seconds`);
      return { kind: 'age', op: name === 'OLDER' ? 'older' : 'younger', seconds };
    }
    case 'UID':
      s.sp();
      return { kind: 'uid', set: s.messageSet() };
    case 'NOT':
      s.sp();
      return { kind: 'not', key: searchKey(s, depth + 1) };
    case 'OR': {
      s.sp();
      const left = searchKey(s, depth + 1);
      s.sp();
      return { kind: 'or', left, right: searchKey(s, depth + 1) };
    }
    case 'MODSEQ':
      s.sp();
      // RFC 7162: an optional entry name and type (`"/flags/\\Seen" all`) before the number; the
      // store keeps one mod-sequence per message, so they narrow nothing here.
      if (s.at('"')) {
        s.string();
        s.sp();
        s.atom();
        s.sp();
      }
      return { kind: 'modseq', modseq: s.modseq() };
    default:
      throw bad(`unknown search key ${name}`);
  }
}
