// A cursor over one command's bytes (literals inline) with the RFC 3501 token readers. Every reader
// either consumes a whole token or throws a BAD ImapError.
import { bad } from '../errors.ts';
import { SAVED_RESULT, type MessageSet, type SequenceSet, type SeqRange } from '../syntax.ts';

const SP = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Bytes that end an atom: SP ( ) { % * " \ ] and controls. 8-bit bytes are accepted (UTF-8). */
const ATOM_SPECIALS = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) ATOM_SPECIALS[c] = 1;
for (const c of ' (){%*"\\]') ATOM_SPECIALS[c.charCodeAt(0)] = 1;
ATOM_SPECIALS[0x7f] = 1;

export type AtomFlavor = 'atom' | 'astring' | 'list-mailbox';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export interface ScannerOptions {
  /** Mailbox names are UTF-8 as sent, not modified UTF-7 (IMAP4rev2, RFC 9051 5.1; UTF8=ACCEPT, RFC 6855). */
  utf8?: boolean;
  /** IMAP4rev2 (RFC 9051) is enabled: what RFC 9051 removed from the grammar is a syntax error. */
  imap4rev2?: boolean;
  /** UTF8=ACCEPT (RFC 6855) is enabled: every string is UTF-8, so a CHARSET label conflicts (section 3). */
  utf8Accept?: boolean;
}

export class Scanner {
  pos = 0;
  readonly utf8: boolean;
  readonly imap4rev2: boolean;
  readonly utf8Accept: boolean;
  constructor(
    readonly data: Buffer,
    options: ScannerOptions = {},
  ) {
    this.utf8 = options.utf8 ?? false;
    this.imap4rev2 = options.imap4rev2 ?? false;
    this.utf8Accept = options.utf8Accept ?? false;
  }

  get done(): boolean {
    return this.pos >= this.data.length;
  }

  peek(): number {
    return this.pos < this.data.length ? this.data[this.pos] : -1;
  }

  /** Whether the next byte is `char` (one ASCII character). */
  at(char: string): boolean {
    return this.peek() === char.charCodeAt(0);
  }

  expect(char: string, what = `"${char}"`): void {
    if (!this.at(char)) throw bad(`expected ${what} at position ${this.pos}`);
    this.pos++;
  }

  sp(): void {
    this.expect(' ', 'a space');
  }

  /** Consumes a space when one follows. */
  maybeSp(): boolean {
    if (this.peek() !== SP) return false;
    this.pos++;
    return true;
  }

  end(): void {
    if (!this.done) throw bad(`unexpected data at position ${this.pos}`);
  }

  atom(flavor: AtomFlavor = 'atom'): string {
    const start = this.pos;
    const data = this.data;
    while (this.pos < data.length) {
      const c = data[this.pos];
      if (ATOM_SPECIALS[c] && !(flavor !== 'atom' && c === 0x5d) && !(flavor === 'list-mailbox' && (c === 0x25 || c === 0x2a))) break;
      this.pos++;
    }
    if (this.pos === start) throw bad(`expected an atom at position ${start}`);
    return data.toString('utf8', start, this.pos);
  }

  /** An atom compared case-insensitively: the upper-cased word. */
  keyword(): string {
    return this.atom().toUpperCase();
  }

  /** Whether the upper-cased next atom is `word` (consumed only when it is). */
  word(word: string): boolean {
    const save = this.pos;
    const end = save + word.length;
    if (end > this.data.length) return false;
    if (this.data.toString('latin1', save, end).toUpperCase() !== word) return false;
    const next = end < this.data.length ? this.data[end] : -1;
    if (next !== -1 && !ATOM_SPECIALS[next] && next !== 0x5b) return false;
    this.pos = end;
    return true;
  }

  astring(flavor: AtomFlavor = 'astring'): string {
    const c = this.peek();
    if (c === DQUOTE || c === 0x7b) return this.string();
    return this.atom(flavor);
  }

  string(): string {
    return this.stringBytes().toString('utf8');
  }

  stringBytes(): Buffer {
    const c = this.peek();
    if (c === DQUOTE) return this.#quoted();
    if (c === 0x7b) return this.#literal();
    throw bad(`expected a string at position ${this.pos}`);
  }

  /** Whether a literal8 (`~{n}`, RFC 3516) follows. */
  atLiteral8(): boolean {
    return this.at('~') && this.data[this.pos + 1] === 0x7b;
  }

  /** APPEND's message: a literal, or a literal8 (`~{n}`, RFC 3516), which may hold NUL bytes. */
  messageBytes(): Buffer {
    if (this.atLiteral8()) this.pos++;
    if (!this.at('{')) throw bad(`expected a literal at position ${this.pos}`);
    return this.#literal();
  }

  nstring(): string | null {
    if (this.word('NIL')) return null;
    return this.string();
  }

  number(): number {
    const start = this.pos;
    while (this.pos < this.data.length && this.data[this.pos] >= 0x30 && this.data[this.pos] <= 0x39) this.pos++;
    if (this.pos === start || this.pos - start > 20) throw bad(`expected a number at position ${start}`);
    const value = Number(this.data.toString('latin1', start, this.pos));
    if (!Number.isSafeInteger(value)) throw bad(`number too large at position ${start}`);
    return value;
  }

  /** A mod-sequence (up to 63 bits); beyond 2^53 it is kept approximately, which only affects comparisons with other huge values. */
  modseq(): number {
    const start = this.pos;
    while (this.pos < this.data.length && this.data[this.pos] >= 0x30 && this.data[this.pos] <= 0x39) this.pos++;
    if (this.pos === start || this.pos - start > 19) throw bad(`expected a mod-sequence at position ${start}`);
    return Number(this.data.toString('latin1', start, this.pos));
  }

  nzNumber(): number {
    const start = this.pos;
    const value = this.number();
    if (value === 0) throw bad(`zero is not allowed at position ${start}`);
    return value;
  }

  /** `(` item *(SP item) `)`; an empty list is allowed. */
  list<T>(item: () => T): T[] {
    this.expect('(');
    const items: T[] = [];
    if (this.at(')')) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(item());
      if (this.at(')')) break;
      this.sp();
    }
    this.pos++;
    return items;
  }

  /** A flag: `\Seen`, a keyword atom. */
  flag(): string {
    if (this.at('\\')) {
      this.pos++;
      return '\\' + this.atom();
    }
    return this.atom();
  }

  sequenceSet(): SequenceSet {
    const set: SequenceSet = [];
    do {
      const from = this.#seqNumber();
      let to = from;
      if (this.at(':')) {
        this.pos++;
        to = this.#seqNumber();
      }
      set.push({ from, to } satisfies SeqRange);
    } while (this.at(',') && ++this.pos);
    return set;
  }

  /** A sequence set, or `$` on its own (RFC 5182: `$` is a whole set, never one of its parts). */
  messageSet(): MessageSet {
    if (!this.at('$')) return this.sequenceSet();
    this.pos++;
    return SAVED_RESULT;
  }

  /** A SEARCH date, `1-Feb-1994`, optionally quoted; UTC midnight of that day. */
  date(): Date {
    const quoted = this.at('"');
    if (quoted) this.pos++;
    const text = this.atom();
    if (quoted) this.expect('"');
    const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
    const month = match ? MONTHS.indexOf(match[2].toUpperCase()) : -1;
    if (!match || month < 0) throw bad(`invalid date ${text}`);
    return validDate(Date.UTC(Number(match[3]), month, Number(match[1])), text);
  }

  /** APPEND date-time: `"17-Jul-1996 02:44:25 -0700"`. */
  dateTime(): Date {
    const text = this.#quoted().toString('latin1');
    const match = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
    const month = match ? MONTHS.indexOf(match[2].toUpperCase()) : -1;
    if (!match || month < 0) throw bad(`invalid date-time ${text}`);
    const [, day, , year, hh, mm, ss, sign, zh, zm] = match;
    const offset = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
    const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) - offset * 60_000;
    return validDate(utc, text);
  }

  #seqNumber(): number | '*' {
    if (this.at('*')) {
      this.pos++;
      return '*';
    }
    return this.nzNumber();
  }

  #quoted(): Buffer {
    this.expect('"');
    const data = this.data;
    const start = this.pos;
    let escaped = false;
    for (let i = start; i < data.length; i++) {
      const c = data[i];
      if (c === 0x0a || c === 0x0d) break;
      if (c === BACKSLASH) {
        escaped = true;
        i++;
        continue;
      }
      if (c === DQUOTE) {
        this.pos = i + 1;
        const raw = data.subarray(start, i);
        return escaped ? unescapeQuoted(raw) : raw;
      }
    }
    throw bad(`unterminated quoted string at position ${start - 1}`);
  }

  #literal(): Buffer {
    const match = /^\{(\d{1,20})\+?\}\r?\n/.exec(this.data.toString('latin1', this.pos, Math.min(this.data.length, this.pos + 26)));
    if (!match) throw bad(`invalid literal at position ${this.pos}`);
    const size = Number(match[1]);
    const start = this.pos + match[0].length;
    if (start + size > this.data.length) throw bad('literal shorter than announced');
    this.pos = start + size;
    return this.data.subarray(start, start + size);
  }
}

function unescapeQuoted(raw: Buffer): Buffer {
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === BACKSLASH && i + 1 < raw.length) i++;
    out[n++] = raw[i];
  }
  return out.subarray(0, n);
}

function validDate(ms: number, text: string): Date {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw bad(`invalid date ${text}`);
  return date;
}
