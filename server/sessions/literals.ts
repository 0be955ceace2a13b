// IMAP-aware line splitting for the transcript: a line ending in {N} or {N+} announces N bytes of
// literal, which are skipped by count (never copied or decoded) and shown as {N bytes}; the logical
// line goes on after the literal. Used on the server's output and on each client command.
const LF = 0x0a;
const LITERAL_TAIL = /\{(\d{1,20})\+?\}\r?$/;
/** A line without LF longer than this is cut: the transcript has no use for more. */
const MAX_PENDING = 8 * 1024;

export class LiteralLines {
  #skip = 0;
  #pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(piece: Buffer): void {
    let pos = 0;
    while (pos < piece.length) {
      if (this.#skip > 0) {
        const take = Math.min(this.#skip, piece.length - pos);
        this.#skip -= take;
        pos += take;
        continue;
      }
      const lf = piece.indexOf(LF, pos);
      if (lf < 0) {
        if (this.#pending.length < MAX_PENDING) this.#pending += piece.toString('utf8', pos, Math.min(piece.length, pos + MAX_PENDING));
        return;
      }
      const end = lf > pos && piece[lf - 1] === 0x0d ? lf - 1 : lf;
      const line = this.#pending + (this.#pending.length < MAX_PENDING ? piece.toString('utf8', pos, Math.min(end, pos + MAX_PENDING)) : '');
      pos = lf + 1;
      const literal = LITERAL_TAIL.exec(line);
      if (literal) {
        this.#skip = Number(literal[1]);
        this.#pending = `${line.slice(0, literal.index)}{${literal[1]} bytes}`;
        continue;
      }
      this.#pending = '';
      this.emit(line);
    }
  }

  /** Whatever is pending without its end (a command without a final CRLF). */
  flush(): void {
    if (!this.#pending) return;
    const line = this.#pending;
    this.#pending = '';
    this.emit(line);
  }
}

/** One client command as the reader hands it (literals inline, no final CRLF; or its pieces so far), as one transcript line. */
export function summarizeCommand(data: Buffer | readonly Buffer[]): string {
  let out = '';
  const lines = new LiteralLines((line) => (out = line));
  for (const piece of Buffer.isBuffer(data) ? [data] : data) lines.push(piece);
  lines.flush();
  return out;
}
