// Structured MIME header values (RFC 2045, 2183, 2231, 3282) read leniently: tokens, quoted
// strings and `; name=value` parameters, comments skipped, junk stepped over rather than fatal.
// Values stay as written (latin1 strings, one char per byte); nothing is decoded.

export interface MimeParam {
  name: string;
  value: string;
}

/** `type/subtype; params` as written; null when there is no type token. */
export function parseMediaType(value: string): { type: string; subtype: string; params: MimeParam[] } | null {
  const scanner = new Scanner(value);
  const type = scanner.token();
  if (!type) return null;
  const subtype = scanner.take('/') ? scanner.token() : '';
  return { type, subtype, params: scanner.params() };
}

/** A lone token (Content-Transfer-Encoding), or null when there is anything else. */
export function parseToken(value: string | null): string | null {
  if (value === null) return null;
  const scanner = new Scanner(value);
  const token = scanner.token();
  return token && scanner.atEnd() ? token : null;
}

export function parseDisposition(value: string): { value: string; params: MimeParam[] } | null {
  const scanner = new Scanner(value);
  const token = scanner.token();
  return token ? { value: token, params: scanner.params() } : null;
}

export function parseLanguage(value: string): string[] | null {
  const tags = value
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => /^[A-Za-z0-9-]+$/.test(tag));
  return tags.length ? tags : null;
}

const TOKEN_END = new Set([...'()<>@,;:\\"/[]?= \t']);

/** Reads tokens, quoted strings and `; name=value` parameters, skipping whitespace and comments. */
class Scanner {
  #pos = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    this.#skip();
    return this.#pos >= this.#text.length;
  }

  take(char: string): boolean {
    this.#skip();
    if (this.#text[this.#pos] !== char) return false;
    this.#pos++;
    return true;
  }

  token(): string {
    this.#skip();
    const start = this.#pos;
    while (this.#pos < this.#text.length && !TOKEN_END.has(this.#text[this.#pos])) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  value(): string {
    this.#skip();
    if (this.#text[this.#pos] !== '"') return this.token();
    let out = '';
    for (this.#pos++; this.#pos < this.#text.length; this.#pos++) {
      const char = this.#text[this.#pos];
      if (char === '"') {
        this.#pos++;
        break;
      }
      if (char === '\\' && this.#pos + 1 < this.#text.length) this.#pos++;
      out += this.#text[this.#pos];
    }
    return out;
  }

  /** `; name=value` pairs; RFC 2231 continuations (`name*0`, `name*1*`) are joined. */
  params(): MimeParam[] {
    const params: MimeParam[] = [];
    while (this.#pos < this.#text.length) {
      if (!this.take(';')) {
        // Skip junk up to the next parameter rather than giving up on the rest.
        const next = this.#text.indexOf(';', this.#pos);
        if (next === -1) break;
        this.#pos = next;
        continue;
      }
      const name = this.token();
      if (!name || !this.take('=')) continue;
      params.push({ name, value: this.value() });
    }
    return joinContinuations(params);
  }

  #skip(): void {
    const text = this.#text;
    while (this.#pos < text.length) {
      const char = text[this.#pos];
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') this.#pos++;
      else if (char === '(') this.#skipComment();
      else break;
    }
  }

  #skipComment(): void {
    let depth = 0;
    for (; this.#pos < this.#text.length; this.#pos++) {
      const char = this.#text[this.#pos];
      if (char === '\\') this.#pos++;
      else if (char === '(') depth++;
      else if (char === ')' && --depth === 0) {
        this.#pos++;
        return;
      }
    }
  }
}

const CONTINUATION = /^(.+?)\*(\d+)(\*?)$/;

function joinContinuations(params: MimeParam[]): MimeParam[] {
  if (!params.some((p) => CONTINUATION.test(p.name))) return params;
  const out: MimeParam[] = [];
  const joined = new Map<string, { param: MimeParam; pieces: Array<[number, string]> }>();
  for (const param of params) {
    const match = CONTINUATION.exec(param.name);
    if (!match) {
      out.push(param);
      continue;
    }
    const [, base, index, extended] = match;
    // An extended first piece (`name*0*`) makes the whole value charset'lang'%-encoded: `name*`.
    const key = base.toLowerCase();
    let entry = joined.get(key);
    if (!entry) {
      entry = { param: { name: base, value: '' }, pieces: [] };
      joined.set(key, entry);
      out.push(entry.param);
    }
    if (index === '0' && extended) entry.param.name = base + '*';
    entry.pieces.push([Number(index), param.value]);
  }
  for (const { param, pieces } of joined.values()) {
    param.value = pieces
      .sort((a, b) => a[0] - b[0])
      .map(([, piece]) => piece)
      .join('');
  }
  return out;
}
