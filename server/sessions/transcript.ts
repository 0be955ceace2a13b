// One session's kept transcript entries: a line, or a reply's lines joined by CRLF, each with its
// time and direction. While the session runs they are appended to plain arrays. When it ends they
// are sealed into one string and one array of numbers. A sandbox keeps up to --max-sessions ended
// transcripts, and a string per entry, three arrays per session, kept until the session is dropped,
// cost old-space room and marking. Sealed, a session keeps two objects, and the entries of a short
// session die young. An IMAP session's transcript can hold thousands of lines.
import type { LineDirection } from './types.ts';

const NO_MARKS: readonly number[] = [];

export interface TranscriptEntry {
  at: number;
  direction: LineDirection;
  text: string;
}

export class Transcript {
  #texts: string[] = [];
  #times: number[] = [];
  #fromClient: boolean[] = [];
  /** After seal: every entry's text, one after another. */
  #sealedText = '';
  /** After seal: per entry, where its text ends in #sealedText, then its time, negated for a client line. */
  #sealedMarks: readonly number[] | null = null;

  get size(): number {
    return this.#sealedMarks ? this.#sealedMarks.length / 2 : this.#texts.length;
  }

  add(direction: LineDirection, at: number, text: string): void {
    if (this.#sealedMarks) throw new Error('a sealed transcript takes no more entries');
    this.#texts.push(text);
    this.#times.push(at);
    this.#fromClient.push(direction === 'client');
  }

  entry(index: number): TranscriptEntry {
    const marks = this.#sealedMarks;
    if (!marks) {
      return { at: this.#times[index], direction: this.#fromClient[index] ? 'client' : 'server', text: this.#texts[index] };
    }
    const start = index === 0 ? 0 : marks[2 * index - 2];
    const stamp = marks[2 * index + 1];
    return { at: Math.abs(stamp), direction: stamp < 0 ? 'client' : 'server', text: this.#sealedText.slice(start, marks[2 * index]) };
  }

  /** Packs the entries; later reads give the same entries. */
  seal(): void {
    if (this.#sealedMarks) return;
    // Sized up front: grown by push, the array would keep up to half again as much room.
    const marks: number[] = new Array(this.#texts.length * 2);
    let end = 0;
    for (let i = 0; i < this.#texts.length; i++) {
      end += this.#texts[i].length;
      marks[2 * i] = end;
      marks[2 * i + 1] = this.#fromClient[i] ? -this.#times[i] : this.#times[i];
    }
    this.#sealedText = this.#texts.join('');
    this.#sealedMarks = marks.length ? marks : NO_MARKS;
    this.#texts = [];
    this.#times = [];
    this.#fromClient = [];
  }
}
