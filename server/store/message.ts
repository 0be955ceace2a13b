import { readHeaderMeta, type HeaderMeta } from '../mail/headers.ts';
import { findHeaderEnd } from '../mail/mime-tree.ts';
import { snippetOf } from '../mail/snippet.ts';
import type { SmtpEnvelope } from './envelope.ts';

/** The bytes of a mail and what was read from them; shared by every copy of the message. */
export interface MailContent {
  /** All the bytes, as one buffer (joined from the received chunks on first use). */
  readonly raw: Buffer;
  /** Its length in bytes. */
  readonly size: number;
  /** The bytes of the header block (all of them if no blank line ends it), read without joining chunks where they allow. */
  readonly headerBytes: Buffer;
  /** Read from the header block on first use, then kept. */
  readonly meta: HeaderMeta;
  /** The preview line, read from the bytes on first use (at the latest when an event is built), then kept. */
  readonly snippet: string;
  /** Whether the bytes hold a NUL anywhere (IMAP sends those as 0x80 outside BINARY): scanned once. */
  readonly holdsNul: boolean;
}

/**
 * Wraps raw bytes without reading them: SMTP acknowledges as soon as the bytes are held, and the
 * headers are read once, by whichever view needs them first (a list, a search, a live event).
 * Bytes that arrived in several chunks are kept as those chunks until something needs them as one
 * buffer: for large mail, joining them at once cost a copy into fresh memory the size of the
 * message, and as much again of memory for the garbage collector to count, and most mail in a
 * sandbox is never opened.
 * A class rather than an object literal with a getter: every instance then shares one shape, and
 * `meta`, read for every message by each SEARCH and list, stays a fast property access.
 */
class LazyContent implements MailContent {
  #raw: Buffer | null;
  #chunks: readonly Buffer[] | null;
  #meta: HeaderMeta | undefined;
  #snippet: string | undefined;
  #holdsNul: boolean | undefined;
  readonly size: number;

  constructor(bytes: Buffer | readonly Buffer[]) {
    if (Buffer.isBuffer(bytes)) {
      this.#raw = bytes;
      this.#chunks = null;
      this.size = bytes.length;
    } else {
      this.#raw = null;
      this.#chunks = bytes;
      this.size = bytes.reduce((sum, chunk) => sum + chunk.length, 0);
    }
  }

  get raw(): Buffer {
    if (!this.#raw) {
      this.#raw = Buffer.concat(this.#chunks ?? [], this.size);
      this.#chunks = null;
    }
    return this.#raw;
  }

  get headerBytes(): Buffer {
    const first = this.#raw ?? this.#chunks?.[0];
    if (first) {
      // Where the first chunk ends, a header block may end or not: only an end before it is sure.
      const end = findHeaderEnd(first, 0, first.length);
      if (end < first.length || first === this.#raw) return first.subarray(0, end);
    }
    return this.raw.subarray(0, findHeaderEnd(this.raw, 0, this.size));
  }

  get meta(): HeaderMeta {
    return (this.#meta ??= readHeaderMeta(this.raw));
  }

  get snippet(): string {
    return (this.#snippet ??= snippetOf(this.raw));
  }

  get holdsNul(): boolean {
    return (this.#holdsNul ??= this.raw.indexOf(0) !== -1);
  }
}

/** Content from its bytes: one buffer, or the chunks it arrived in (in order). */
export function createContent(bytes: Buffer | readonly Buffer[]): MailContent {
  return new LazyContent(bytes);
}

export interface StoredMessage {
  /** The REST id and the POP3 UIDL: one counter for the whole store. Never reused. */
  readonly id: number;
  /**
   * The IMAP UID: the folder's own counter, given when the message landed there (RFC 3501 2.3.1.1),
   * so it is the UIDNEXT that folder predicted. Within a folder it ascends with the id.
   */
  readonly uid: number;
  readonly content: MailContent;
  readonly envelope: SmtpEnvelope;
  /** Lower-case addresses whose login sees this message. */
  readonly owners: readonly string[];
  readonly folder: string;
  readonly flags: ReadonlySet<string>;
  /** IMAP INTERNALDATE: when SMTP accepted it, or the date an APPEND gave. */
  readonly receivedAt: Date;
  readonly size: number;
  /** CONDSTORE mod-sequence of the last change to this message. */
  readonly modseq: number;
}

/** Who is looking: an address login sees its own mail, any other login sees all of it. */
export interface Login {
  user: string;
  address: string | null;
}

export function loginFor(user: string): Login {
  return { user, address: user.includes('@') ? user.trim().toLowerCase() : null };
}

export const CATCH_ALL: Login = { user: '*', address: null };

export function seesAll(login: Login): boolean {
  return login.address === null;
}

export function canSee(login: Login, message: StoredMessage): boolean {
  return login.address === null || message.owners.includes(login.address);
}

export { SEEN, FLAGGED, DELETED } from './flags.ts';
