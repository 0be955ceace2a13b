// ImapValue -> wire text (pure). Strings are quoted when they can be, literals otherwise; Buffers are
// always literals. Output collects into an ordered list of pieces so a caller can write a long
// response in a few large chunks without building one giant string.
import type { ImapValue } from './syntax.ts';

/** Longest string sent quoted; longer ones go as literals so nothing has to be escaped at length. */
const MAX_QUOTED = 1024;

export class Output {
  /** RFC 6855: once the client enabled UTF8=ACCEPT, strings with UTF-8 may go quoted rather than as literals. */
  utf8 = false;
  #text = '';
  readonly #pieces: Buffer[] = [];
  /** Bytes in #pieces; #text is counted when asked. */
  #bytes = 0;

  /** Appends protocol text as is (ASCII or UTF-8). */
  text(value: string): this {
    this.#text += value;
    return this;
  }

  bytes(value: Buffer): this {
    this.#closeText();
    this.#pieces.push(value);
    this.#bytes += value.length;
    return this;
  }

  value(value: ImapValue): this {
    this.#write(value);
    return this;
  }

  /** Roughly how many bytes are held (characters for text). */
  get size(): number {
    return this.#bytes + this.#text.length;
  }

  /** Everything written so far, as one Buffer; the output is empty afterwards. */
  take(): Buffer {
    const pieces = this.takePieces();
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
  }

  /** Everything written so far, in pieces (message bodies are not copied); the output is empty afterwards. */
  takePieces(): Buffer[] {
    this.#closeText();
    const pieces = this.#pieces.splice(0);
    this.#bytes = 0;
    return pieces;
  }

  #closeText(): void {
    if (!this.#text) return;
    const piece = Buffer.from(this.#text, 'utf8');
    this.#pieces.push(piece);
    this.#bytes += piece.length;
    this.#text = '';
  }

  #write(value: ImapValue): void {
    if (Array.isArray(value)) {
      this.#text += '(';
      for (let i = 0; i < value.length; i++) {
        if (i) this.#text += ' ';
        this.#write(value[i]);
      }
      this.#text += ')';
    } else if (Buffer.isBuffer(value)) {
      this.#text += `{${value.length}}\r\n`;
      this.bytes(value);
    } else if (value !== null && typeof value === 'object' && 'joined' in value) {
      for (const item of value.joined) this.#write(item);
    } else if (value !== null && typeof value === 'object' && 'literal8' in value) {
      this.#text += `~{${value.literal8.length}}\r\n`;
      this.bytes(value.literal8);
    } else {
      this.#text += scalar(value, this.utf8);
    }
  }
}

function scalar(value: null | number | bigint | string | { atom: string }, utf8: boolean): string {
  if (value === null) return 'NIL';
  switch (typeof value) {
    case 'string':
      return encodeString(value, utf8);
    case 'number':
    case 'bigint':
      return String(value);
    default:
      return value.atom;
  }
}

/** RFC 3501 quoted strings are 7-bit without NUL, CR or LF; anything else goes as a literal. */
const NEEDS_LITERAL = /[\x00\r\n\u0080-\uffff]/;
/** RFC 6855 4: with UTF8=ACCEPT a quoted string may hold UTF-8, still without NUL, CR or LF. */
const NEEDS_LITERAL_UTF8 = /[\x00\r\n]/;
const QUOTED_SPECIALS = /["\\]/;

/** A string as IMAP text: quoted when it can be, a literal otherwise; `utf8` as Output's. */
export function encodeString(value: string, utf8 = false): string {
  if (value.length > MAX_QUOTED || (utf8 ? NEEDS_LITERAL_UTF8 : NEEDS_LITERAL).test(value)) return `{${Buffer.byteLength(value, 'utf8')}}\r\n${value}`;
  return QUOTED_SPECIALS.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : `"${value}"`;
}

/** One value encoded on its own (tests, short responses); `utf8` as Output's. */
export function encodeValue(value: ImapValue, utf8 = false): Buffer {
  const out = new Output();
  out.utf8 = utf8;
  return out.value(value).take();
}
