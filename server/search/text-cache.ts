// Lower-cased searchable text of each message, decoded once and kept within a byte budget, so a
// body-word search over the whole store reads strings instead of decoding MIME every time. Entries
// leave in arrival order when the budget is full, and at once when their message is deleted. Each
// entry carries a trigram sketch (trigrams.ts) that rules most messages out without a scan.
import type { Address } from '../mail/address-list.ts';
import { bodyText } from '../mail/text.ts';
import type { StoredMessage } from '../store/message.ts';
import { hiddenRecipients } from '../store/recipients.ts';
import { trigramsOf, type Trigrams } from './trigrams.ts';

export interface SearchText {
  /** Subject, every address and name of the headers and the SMTP envelope, one per line. */
  readonly headers: string;
  /** Every text part, decoded and lower-cased; HTML as its text. */
  readonly body: string;
  /** Which trigrams the two hold, so most messages are ruled out without reading them. */
  readonly trigrams: Trigrams;
}

/** JS strings cost up to two bytes a character. */
const BYTES_PER_CHAR = 2;

const sizeOf = (text: SearchText) => (text.headers.length + text.body.length) * BYTES_PER_CHAR + text.trigrams.byteLength;

function addressLines(addresses: Array<Address | null>): string[] {
  const lines: string[] = [];
  for (const a of addresses) if (a) lines.push(a.name ? `${a.name} <${a.address}>` : a.address);
  return lines;
}

function headerText(message: StoredMessage): string {
  const { meta } = message.content;
  return [
    meta.subject,
    ...addressLines([meta.from, ...meta.to, ...meta.cc, ...meta.replyTo, ...hiddenRecipients(message)]),
    message.envelope.mailFrom,
  ]
    .join('\n')
    .toLowerCase();
}

export class SearchTextCache {
  readonly #maxBytes: number;
  readonly #entries = new Map<Buffer, SearchText>();
  #bytes = 0;
  #lastRaw: Buffer | null = null;
  #lastText: SearchText | null = null;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(message: StoredMessage): SearchText {
    const raw = message.content.raw;
    // Every text term of a query asks for the same message in turn.
    if (raw === this.#lastRaw && this.#lastText) return this.#lastText;
    const text = this.#lookUp(message, raw);
    this.#lastRaw = raw;
    this.#lastText = text;
    return text;
  }

  #lookUp(message: StoredMessage, raw: Buffer): SearchText {
    const cached = this.#entries.get(raw);
    if (cached) return cached;
    const headers = headerText(message);
    const body = bodyText(message.content.raw).toLowerCase();
    const text: SearchText = { headers, body, trigrams: trigramsOf(headers, body) };
    const size = sizeOf(text);
    if (size > this.#maxBytes) return text;
    this.#bytes += size;
    this.#entries.set(raw, text);
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(key, entry);
    }
    return text;
  }

  forget(raw: Buffer): void {
    if (raw === this.#lastRaw) this.#lastRaw = this.#lastText = null;
    const entry = this.#entries.get(raw);
    if (entry) this.#drop(raw, entry);
  }

  get bytes(): number {
    return this.#bytes;
  }

  #drop(raw: Buffer, entry: SearchText): void {
    this.#entries.delete(raw);
    this.#bytes -= sizeOf(entry);
  }
}
