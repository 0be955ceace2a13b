// Bytes -> command lines (pure, bounded). A line ends at LF, with or without CR before it. A line
// over the limit is skipped and reported once its end arrives, so replies stay in order with
// pipelined commands; one that never seems to end stops the reader.
export type LineItem = { kind: 'line'; text: string } | { kind: 'too-long' } | { kind: 'absurd' };

const LF = 10;
const CR = 13;

export class LineReader {
  readonly #maxLine: number;
  readonly #maxDiscard: number;
  #partial: Buffer[] = [];
  #partialLength = 0;
  #discarding = false;
  #stopped = false;

  constructor(maxLineOctets: number, maxDiscardOctets: number) {
    // The CR before the LF is not part of the command.
    this.#maxLine = maxLineOctets + 1;
    this.#maxDiscard = maxDiscardOctets;
  }

  push(chunk: Buffer): LineItem[] {
    const items: LineItem[] = [];
    let start = 0;
    while (!this.#stopped) {
      const lf = chunk.indexOf(LF, start);
      if (lf === -1) {
        this.#hold(chunk.subarray(start), items);
        break;
      }
      this.#end(chunk.subarray(start, lf), items);
      start = lf + 1;
    }
    return items;
  }

  #hold(bytes: Buffer, items: LineItem[]): void {
    if (!bytes.length) return;
    this.#partialLength += bytes.length;
    if (this.#discarding || this.#partialLength > this.#maxLine) {
      this.#discarding = true;
      this.#partial = [];
      if (this.#partialLength > this.#maxDiscard) {
        this.#stopped = true;
        items.push({ kind: 'absurd' });
      }
      return;
    }
    this.#partial.push(bytes);
  }

  #end(tail: Buffer, items: LineItem[]): void {
    const length = this.#partialLength + tail.length;
    const discarding = this.#discarding;
    const parts = this.#partial;
    this.#partial = [];
    this.#partialLength = 0;
    this.#discarding = false;
    if (discarding || length > this.#maxLine) {
      items.push({ kind: 'too-long' });
      return;
    }
    const line = parts.length ? Buffer.concat([...parts, tail]) : tail;
    const end = line.length && line[line.length - 1] === CR ? line.length - 1 : line.length;
    items.push({ kind: 'line', text: line.toString('utf8', 0, end) });
  }
}
