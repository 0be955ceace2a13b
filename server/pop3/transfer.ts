// A message as POP3 sends it (RFC 1939 3): dot-stuffed, ending in CRLF before the terminating
// ".". The stored bytes go out as they are, so the octet count LIST gives is the raw size, plus
// the CRLF that ends a message whose last line has none (a bare LF at the end becomes CRLF).
// Bare LFs inside a message are kept; a "." after one is stuffed too, since some clients split on LF.

const LF = 10;
const CR = 13;
const DOT = Buffer.from('.');
const NEWLINE_DOT = Buffer.from('\n.');
const END = Buffer.from('.\r\n');
const CRLF_END = Buffer.from('\r\n.\r\n');

/** Octets of `raw` as a RETR sends them before dot-stuffing: what LIST, STAT and the +OK line report. */
export function transferSize(raw: Buffer): number {
  return raw.length + missingLineEnd(raw);
}

function missingLineEnd(raw: Buffer): number {
  const last = raw.length - 1;
  if (last < 0) return 0;
  if (raw[last] !== LF) return 2;
  return raw[last - 1] === CR ? 0 : 1;
}

/** Beyond this many stuffed lines, one copied buffer costs less than a socket write per slice. */
const MAX_SLICES = 16;

/**
 * Appends to `out` the bytes of `raw` with a "." before every line that starts with one, then the
 * terminator. Scans once; a message with few such lines goes out as slices of the stored bytes,
 * one with many as a single copy.
 */
export function appendDotStuffed(raw: Buffer, out: Buffer[]): void {
  const missing = missingLineEnd(raw);
  const body = missing === 1 ? raw.subarray(0, raw.length - 1) : raw;
  // Offsets where a "." goes in: 0 for a first line starting with one, else just after an LF.
  const stuffAt: number[] = body.length && body[0] === DOT[0] ? [0] : [];
  for (let at = body.indexOf(NEWLINE_DOT); at !== -1; at = body.indexOf(NEWLINE_DOT, at + 2)) stuffAt.push(at + 1);
  if (stuffAt.length <= MAX_SLICES) appendSlices(body, stuffAt, out);
  else out.push(stuffedCopy(body, stuffAt));
  out.push(missing === 0 ? END : CRLF_END);
}

function appendSlices(body: Buffer, stuffAt: number[], out: Buffer[]): void {
  let start = 0;
  for (const at of stuffAt) {
    if (at > start) out.push(body.subarray(start, at));
    out.push(DOT);
    start = at;
  }
  if (start < body.length) out.push(start === 0 ? body : body.subarray(start));
}

function stuffedCopy(body: Buffer, stuffAt: number[]): Buffer {
  const copy = Buffer.allocUnsafe(body.length + stuffAt.length);
  let start = 0;
  let written = 0;
  for (const at of stuffAt) {
    written += body.copy(copy, written, start, at);
    copy[written++] = DOT[0];
    start = at;
  }
  body.copy(copy, written, start);
  return copy;
}
