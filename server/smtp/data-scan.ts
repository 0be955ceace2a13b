// smtp-server finds the end of DATA (CRLF.CRLF) and the dot-stuffing escapes by testing every byte
// of the message in a JavaScript loop; for large mail that loop is most of the server's CPU. This
// replaces that one method of its parser, SMTPStream._feedDataStream, with one that lets
// Buffer.indexOf (native) find each line that starts with a dot. Each such line is then treated as
// the library treats it: the same checks at the start of DATA (where a lone "." ends it and ".."
// is an escape), the same end sequence, the same escape removal, the same four bytes held back for
// the next chunk, the same events. Only the search changed, and the joining of those four bytes
// to the next chunk, which is skipped where it cannot matter; nothing the library does against
// end-of-data smuggling is lost. smtp-server is pinned exactly because of this;
// test/smtp-data-scan.test.ts feeds random input, split at random, to both and compares.
import type { PassThrough } from 'node:stream';
import { SMTPStream } from 'smtp-server/lib/smtp-stream.js';

const LF_DOT = Buffer.from('\n.');
const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;
/** Bytes kept back at the end of a chunk: an end sequence may start in them. */
const HELD_BACK = 4;

type Done = (err?: Error | null) => void;

/** The parser's state this method works on, as smtp-server names it. */
export interface DataStreamInternals {
  _dataStream: PassThrough;
  _lastBytes: Buffer | false;
  _atDataStart: boolean;
  _countDataBytes(length: number): void;
  _endDataMode(chunk: Buffer | false, remainder: Buffer, done: Done): void;
  _feedDataStream(chunk: Buffer, done: Done): void;
}

export function feedDataStream(this: DataStreamInternals, input: Buffer, done: Done): void {
  const held = this._lastBytes && this._lastBytes.length ? this._lastBytes : null;
  this._lastBytes = false;
  // The library joins the held-back bytes to every chunk, a copy of the whole chunk each time (for
  // a large message, as many bytes again as the message). Unless a line starts with a dot where the
  // two meet, the held bytes are plain content: they go out as they are and the search goes on in
  // the chunk alone, which is the same search at the same places.
  if (held && !this._atDataStart && input.length >= HELD_BACK && !dotLineAtJoin(held, input)) {
    this._countDataBytes(held.length);
    if (this._dataStream.writable) this._dataStream.write(held);
    return scan(this, input, done);
  }
  let chunk = held ? Buffer.concat([held, input], held.length + input.length) : input;
  if (this._atDataStart && chunk.length >= 3 && chunk[0] === DOT && chunk[1] === CR && chunk[2] === LF) {
    return this._endDataMode(false, chunk.subarray(3), done);
  }
  if (this._atDataStart && chunk.length >= 2 && chunk[0] === DOT && chunk[1] === DOT) {
    chunk = chunk.subarray(1);
    this._atDataStart = false;
  }
  scan(this, chunk, done);
}

/**
 * Whether, in held + input, a dot follows an LF at any index the library's search reaches that
 * involves a held byte (2 up to held.length + 1): only there could an end or an escape start.
 */
function dotLineAtJoin(held: Buffer, input: Buffer): boolean {
  const at = (index: number) => (index < held.length ? held[index] : input[index - held.length]);
  for (let dot = 2; dot <= held.length + 1; dot++) if (at(dot) === DOT && at(dot - 1) === LF) return true;
  return false;
}

/** The library's search for the end and the escapes, from index 2 of `chunk`, and what follows it. */
function scan(parser: DataStreamInternals, chunk: Buffer, done: Done): void {
  const dataStream = parser._dataStream;
  const length = chunk.length;
  // `dot` is the index of a "." that follows an LF, from 2 up to length - 3 as the library looks.
  for (let lf = chunk.indexOf(LF_DOT, 1); lf !== -1 && lf + 1 < length - 2; lf = chunk.indexOf(LF_DOT, lf + 2)) {
    const dot = lf + 1;
    if (chunk[dot - 2] === CR && chunk[dot + 1] === CR && chunk[dot + 2] === LF) {
      const content = chunk.subarray(0, dot);
      parser._countDataBytes(content.length);
      return parser._endDataMode(content, chunk.subarray(dot + 3), done);
    }
    if (chunk[dot + 1] === DOT) {
      const before = chunk.subarray(0, dot);
      parser._countDataBytes(before.length);
      if (dataStream.writable) dataStream.write(before);
      const rest = chunk.subarray(dot + 1);
      setImmediate(() => parser._feedDataStream(rest, done));
      return;
    }
  }
  parser._lastBytes = length < HELD_BACK ? chunk : chunk.subarray(length - HELD_BACK);
  if (parser._lastBytes.length >= length) return done();
  const ready = chunk.subarray(0, length - parser._lastBytes.length);
  parser._countDataBytes(ready.length);
  if (!dataStream.writable) return done();
  if (dataStream.write(ready) || dataStream.destroyed) return done();
  // A stream the application destroys never drains; it closes.
  const resume = () => {
    dataStream.removeListener('drain', resume);
    dataStream.removeListener('close', resume);
    done();
  };
  dataStream.once('drain', resume);
  dataStream.once('close', resume);
}

let installed = false;

export function installDataScan(): void {
  if (installed) return;
  installed = true;
  (SMTPStream.prototype as unknown as DataStreamInternals)._feedDataStream = feedDataStream;
}
