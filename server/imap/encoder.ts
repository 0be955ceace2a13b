// ImapValue -> wire text (pure). Strings are quoted when they can be, literals otherwise; Buffers are
// always literals. Output collects into an ordered list of pieces so a caller can write a long
// response in a few large chunks without building one giant string.
import type { ImapValue } from './syntax.ts';

/** Longest string sent quoted; longer ones go as literals so nothing has to be escaped at length. */
const MAX_QUOTED = 1024;

export class Output {
  #text = '';
  readonly #pieces: Buffer[] = [];
  #size = 0;

  /** Appends protocol text as is (ASCII or UTF-8). */
  text(value: string): this {
    this.#text += value;
    this.#size += value.length;
    return this;
  }

  bytes(value: Buffer): this {
    this.#closeText();
    this.#pieces.push(value);
    this.#size += value.length;
    return this;
  }

  value(value: ImapValue): this {
    writeValue(this, value);
    return this;
  }

  /** Roughly how many bytes are held (characters for text). */
  get size(): number {
    return this.#size;
  }

  /** Everything written so far, as one Buffer; the output is empty afterwards. */
  take(): Buffer {
    this.#closeText();
    const out = this.#pieces.length === 1 ? this.#pieces[0] : Buffer.concat(this.#pieces);
    this.#pieces.length = 0;
    this.#size = 0;
    return out;
  }

  #closeText(): void {
    if (!this.#text) return;
    this.#pieces.push(Buffer.from(this.#text, 'utf8'));
    this.#text = '';
  }
}

function writeValue(out: Output, value: ImapValue): void {
  if (value === null) {
    out.text('NIL');
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    out.text(String(value));
  } else if (typeof value === 'string') {
    writeString(out, value);
  } else if (Buffer.isBuffer(value)) {
    out.text(`{${value.length}}\r\n`).bytes(value);
  } else if (Array.isArray(value)) {
    out.text('(');
    for (let i = 0; i < value.length; i++) {
      if (i) out.text(' ');
      writeValue(out, value[i]);
    }
    out.text(')');
  } else {
    out.text(value.atom);
  }
}

function writeString(out: Output, value: string): void {
  if (canQuote(value)) {
    out.text(`"${value.replace(/["\\]/g, '\\$&')}"`);
    return;
  }
  out.text(`{${Buffer.byteLength(value, 'utf8')}}\r\n`).text(value);
}

/** RFC 3501 quoted: 7-bit, no NUL, CR or LF. */
export function canQuote(value: string): boolean {
  if (value.length > MAX_QUOTED) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 10 || c === 13 || c > 127) return false;
  }
  return true;
}

/** One value encoded on its own (tests, short responses). */
export function encodeValue(value: ImapValue): Buffer {
  return new Output().value(value).take();
}

/** A string as an astring for responses such as LIST: an atom when safe, else quoted or literal. */
export function astring(value: string): ImapValue {
  return /^[\x21\x23-\x24\x26-\x27\x2b-\x5b\x5e-\x7a\x7c\x7e]+$/.test(value) && value.toUpperCase() !== 'NIL'
    ? { atom: value }
    : value;
}
