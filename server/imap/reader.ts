// Bytes -> whole commands (pure, bounded). A command is a line, or lines joined by literals; it is
// handed on as one Buffer with the literals inline (`{n}\r\n<n bytes>`), so the parser can read it
// front to back. Synchronizing literals ask the session to send `+`; LITERAL+ (`{n+}`) does not.
// A line or literal over the limits drops the command (consuming what the client will still send)
// and reports it, so the session can answer and the connection goes on. A too-big literal is
// reported as soon as its `{n}` is read, before any of its bytes: a client waiting for `+` sends
// nothing more of that command; for a non-synchronizing one the session may rather hang up than
// read n bytes it will throw away.

export interface ReaderLimits {
  /** Longest single line, CRLF included. */
  maxLine: number;
  /** Largest literal allowed in the command that starts with `firstLine` (e.g. big for APPEND). */
  maxLiteral(firstLine: Buffer): number;
}

export type ReaderEvent =
  /** A whole command, without its final CRLF. */
  | { kind: 'command'; data: Buffer }
  /** The client waits for `+` before it sends the literal it announced; `sofar`: the command up to there (for the transcript). */
  | { kind: 'continue'; sofar: readonly Buffer[] }
  /** The command was dropped; `start` is the beginning of its first line (for the tag and the command name). */
  | { kind: 'too-big'; what: 'line'; start: Buffer }
  /** `limit`: the bound it broke; `synchronizing: false`: the client sends it anyway, and the reader skips it. */
  | { kind: 'too-big'; what: 'literal'; start: Buffer; limit: number; synchronizing: boolean };

const LF = 0x0a;
const LITERAL_TAIL = /\{(\d{1,20})(\+?)\}\r?\n$/;

type Mode =
  | { kind: 'line' }
  | { kind: 'literal'; remaining: number }
  | { kind: 'skip-literal'; remaining: number }
  | { kind: 'skip-line' };

export class CommandReader {
  readonly #limits: ReaderLimits;
  #buffer: Buffer = Buffer.alloc(0);
  #mode: Mode = { kind: 'line' };
  #parts: Buffer[] = [];
  /** Bytes of the current command so far, literals included. */
  #size = 0;
  #firstLine: Buffer | null = null;
  /** Set when a non-synchronizing literal was too big: the rest of the command is read and thrown away. */
  #dropping = false;

  constructor(limits: ReaderLimits) {
    this.#limits = limits;
  }

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
  }

  /** Forgets everything buffered (after STARTTLS nothing sent in clear may be used). */
  reset(): void {
    this.#buffer = Buffer.alloc(0);
    this.#startCommand();
  }

  /** The next event the buffered bytes complete, or null until more arrive. */
  next(): ReaderEvent | null {
    for (;;) {
      const mode = this.#mode;
      if (mode.kind === 'literal' || mode.kind === 'skip-literal') {
        if (!this.#buffer.length) return null;
        const take = Math.min(mode.remaining, this.#buffer.length);
        if (mode.kind === 'literal') this.#parts.push(this.#buffer.subarray(0, take));
        this.#buffer = this.#buffer.subarray(take);
        mode.remaining -= take;
        if (mode.remaining === 0) this.#mode = { kind: 'line' };
        continue;
      }
      const lf = this.#buffer.indexOf(LF);
      if (mode.kind === 'skip-line') {
        if (lf < 0) {
          this.#buffer = Buffer.alloc(0);
          return null;
        }
        this.#buffer = this.#buffer.subarray(lf + 1);
        if (!this.#dropping) return this.#dropLine();
        this.#startCommand();
        continue;
      }
      if (lf < 0) {
        if (this.#buffer.length >= this.#limits.maxLine) {
          this.#firstLine ??= Buffer.from(this.#buffer.subarray(0, 200));
          this.#buffer = Buffer.alloc(0);
          this.#mode = { kind: 'skip-line' };
        }
        return null;
      }
      const line = this.#buffer.subarray(0, lf + 1);
      this.#buffer = this.#buffer.subarray(lf + 1);
      this.#firstLine ??= line;
      if (line.length > this.#limits.maxLine) {
        if (!this.#dropping) return this.#dropLine();
        this.#startCommand();
        continue;
      }
      const event = this.#line(line);
      if (event) return event;
    }
  }

  #line(line: Buffer): ReaderEvent | null {
    const tail = line.length > 2 && line[line.length - 2 - (line[line.length - 2] === 0x0d ? 1 : 0)] === 0x7d;
    const literal = tail ? LITERAL_TAIL.exec(line.subarray(Math.max(0, line.length - 26)).toString('latin1')) : null;
    if (!literal) {
      if (this.#dropping) {
        this.#startCommand();
        return null;
      }
      this.#parts.push(line.subarray(0, line.length - (line[line.length - 2] === 0x0d ? 2 : 1)));
      const data = this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts);
      this.#startCommand();
      return { kind: 'command', data };
    }
    const size = Number(literal[1]);
    const synchronizing = literal[2] !== '+';
    const maxLiteral = this.#limits.maxLiteral(this.#firstLine ?? line);
    // The whole command is bounded too, so a chain of small literals cannot grow without end.
    this.#size += line.length + size;
    if (this.#dropping) {
      this.#mode = { kind: 'skip-literal', remaining: size };
      return null;
    }
    if (size > maxLiteral || this.#size > maxLiteral + 4 * this.#limits.maxLine) {
      // A client waiting for `+` takes a tagged reply instead and sends nothing more of this command.
      const start = Buffer.from((this.#firstLine ?? line).subarray(0, 200));
      if (synchronizing) {
        this.#startCommand();
      } else {
        this.#dropping = true;
        this.#mode = { kind: 'skip-literal', remaining: size };
      }
      return { kind: 'too-big', what: 'literal', start, limit: maxLiteral, synchronizing };
    }
    this.#parts.push(line);
    this.#mode = { kind: 'literal', remaining: size };
    return synchronizing ? { kind: 'continue', sofar: this.#parts } : null;
  }

  #dropLine(): ReaderEvent {
    const start = Buffer.from((this.#firstLine ?? Buffer.alloc(0)).subarray(0, 200));
    this.#startCommand();
    return { kind: 'too-big', what: 'line', start };
  }

  #startCommand(): void {
    this.#mode = { kind: 'line' };
    this.#parts = [];
    this.#size = 0;
    this.#firstLine = null;
    this.#dropping = false;
  }
}
