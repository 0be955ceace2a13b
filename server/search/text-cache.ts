// Lower-cased searchable text of each message, decoded once and kept within a byte budget, so a
// body-word search over the whole store reads strings instead of decoding MIME every time. Entries
// leave in arrival order when the budget is full, and at once when their message is deleted. Each
// entry carries a trigram sketch (trigrams.ts) that rules most messages out without a scan.
import type { Address } from '../mail/address-list.ts';
import { bodyText } from '../mail/text.ts';
import type { MailContent, StoredMessage } from '../store/message.ts';
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
  readonly #entries = new Map<MailContent, SearchText>();
  #bytes = 0;
  #lastContent: MailContent | null = null;
  #lastText: SearchText | null = null;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(message: StoredMessage): SearchText {
    const content = message.content;
    // Every text term of a query asks for the same message in turn.
    if (content === this.#lastContent && this.#lastText) return this.#lastText;
    const text = this.#lookUp(message, content);
    this.#lastContent = content;
    this.#lastText = text;
    return text;
  }

  #lookUp(message: StoredMessage, content: MailContent): SearchText {
    const cached = this.#entries.get(content);
    if (cached) return cached;
    const headers = headerText(message);
    const body = bodyText(content.raw).toLowerCase();
    const text: SearchText = { headers, body, trigrams: trigramsOf(headers, body) };
    const size = sizeOf(text);
    if (size > this.#maxBytes) return text;
    this.#bytes += size;
    this.#entries.set(content, text);
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(key, entry);
    }
    return text;
  }

  forget(content: MailContent): void {
    if (content === this.#lastContent) this.#lastContent = this.#lastText = null;
    const entry = this.#entries.get(content);
    if (entry) this.#drop(content, entry);
  }

  get bytes(): number {
    return this.#bytes;
  }

  #drop(content: MailContent, entry: SearchText): void {
    this.#entries.delete(content);
    this.#bytes -= sizeOf(entry);
  }
}
