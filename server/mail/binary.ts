// A MIME part's content with its Content-Transfer-Encoding undone: what IMAP BINARY[section] (RFC
// 3516) sends. A leaf part is its decoded body. A message or a multipart is given in binary form,
// as Dovecot gives it: every encoded leaf inside decoded in place, its Content-Transfer-Encoding
// field moved to the end of its header and saying `binary`; every other byte (boundaries,
// preamble, other fields) as stored. An encoding other than 7bit/8bit/binary/base64/
// quoted-printable cannot be undone: the caller refuses with UNKNOWN-CTE. Nothing decoded is kept
// (it would double the store's memory), only decoded sizes.
import { transferDecode } from './decode.ts';
import { parseToken } from './mime-fields.ts';
import { findPart, headerField, headerFieldRanges, mimeTreeOf, readHeaderFields, type MimePart } from './mime-tree.ts';

export type BinaryContent =
  /** `decoded`: an encoding was undone (IMAP then sends a literal8, as Dovecot does). */
  | { kind: 'bytes'; bytes: Buffer; decoded: boolean }
  | { kind: 'unknown-encoding'; encoding: string };

const IDENTITY = new Set(['7bit', '8bit', 'binary']);
const DECODABLE = new Set(['base64', 'quoted-printable']);
const CTE = 'content-transfer-encoding';
const BINARY_FIELD = Buffer.from('Content-Transfer-Encoding: binary\r\n');
const EMPTY: BinaryContent = { kind: 'bytes', bytes: Buffer.alloc(0), decoded: false };

/** The content of the part at `path` ([] is the whole message); no such part is empty content, as Dovecot answers. */
export function binaryContent(raw: Buffer, path: readonly number[]): BinaryContent {
  const { target, from } = locate(raw, path);
  if (!target) return EMPTY;
  const pieces: Buffer[] = [];
  const result = binaryForm(raw, target, from, pieces);
  if (result !== true && result !== false) return result;
  return { kind: 'bytes', bytes: pieces.length === 1 ? pieces[0] : Buffer.concat(pieces), decoded: result };
}

/**
 * Decoded sizes by message and path, for BINARY.SIZE: a client asks it of every message it lists,
 * and a number is cheap to keep where decoded bytes would double the store's memory.
 */
const sizes = new WeakMap<Buffer, Map<string, number>>();

/** BINARY.SIZE: the decoded content's length, or why there is none. */
export function binarySize(raw: Buffer, path: readonly number[]): number | { kind: 'unknown-encoding'; encoding: string } {
  let known = sizes.get(raw);
  if (!known) sizes.set(raw, (known = new Map()));
  const key = path.join('.');
  const size = known.get(key);
  if (size !== undefined) return size;
  const content = binaryContent(raw, path);
  if (content.kind !== 'bytes') return content;
  known.set(key, content.bytes.length);
  return content.bytes.length;
}

/** The encoding of the part at `path` (or of a part inside it) that cannot be undone, without decoding anything. */
export function undecodableEncoding(raw: Buffer, path: readonly number[]): string | null {
  const { target } = locate(raw, path);
  return target ? firstUndecodable(raw, target) : null;
}

function firstUndecodable(raw: Buffer, part: MimePart): string | null {
  const inner = part.message ? [part.message] : part.children;
  for (const child of inner) {
    const found = firstUndecodable(raw, child);
    if (found) return found;
  }
  if (inner.length) return null;
  const encoding = transferEncoding(raw, part);
  return encoding !== null && !IDENTITY.has(encoding) && !DECODABLE.has(encoding) ? encoding : null;
}

/** The part a path names and where its content starts: a numbered part is its body, a message/rfc822 part's is the message. */
function locate(raw: Buffer, path: readonly number[]): { target: MimePart | null; from: number } {
  const root = mimeTreeOf(raw);
  const part = path.length ? findPart(root, path) : root;
  if (!part) return { target: null, from: 0 };
  const target = path.length && part.message ? part.message : part;
  return { target, from: path.length && !part.message ? part.bodyStart : target.headerStart };
}

/**
 * Appends the bytes of `part` from `from` on, in binary form, to `pieces`. Returns whether anything
 * was decoded, or why it cannot be.
 */
function binaryForm(raw: Buffer, part: MimePart, from: number, pieces: Buffer[]): boolean | BinaryContent {
  const inner = part.message ? [part.message] : part.children;
  if (inner.length) {
    let decoded = false;
    let at = from;
    for (const child of inner) {
      pieces.push(raw.subarray(at, child.headerStart));
      const result = binaryForm(raw, child, child.headerStart, pieces);
      if (result !== true && result !== false) return result;
      decoded ||= result;
      at = child.end;
    }
    pieces.push(raw.subarray(at, part.end));
    return decoded;
  }
  const encoding = transferEncoding(raw, part);
  if (encoding !== null && !IDENTITY.has(encoding) && !DECODABLE.has(encoding)) return { kind: 'unknown-encoding', encoding };
  if (encoding === null || IDENTITY.has(encoding)) {
    pieces.push(raw.subarray(from, part.end));
    return false;
  }
  if (from < part.bodyStart) {
    const fields = headerFieldRanges(raw, from, part.bodyStart);
    for (const field of fields) if (field.name !== null && field.name !== CTE) pieces.push(raw.subarray(field.start, field.end));
    pieces.push(BINARY_FIELD);
    const blank = fields.at(-1);
    if (blank?.name === null) pieces.push(raw.subarray(blank.start, blank.end));
  }
  pieces.push(transferDecode(raw.subarray(part.bodyStart, part.end), encoding));
  return true;
}

/**
 * The part's Content-Transfer-Encoding, lower-cased. A message without MIME-Version has no MIME
 * fields in its tree (BODYSTRUCTURE ignores them there, as Dovecot does), but its body is still
 * encoded as the field says, and Dovecot's BINARY decodes it: so read the field itself.
 */
function transferEncoding(raw: Buffer, part: MimePart): string | null {
  const encoding = part.encoding ?? parseToken(headerField(readHeaderFields(raw, part.headerStart, part.bodyStart, (name) => name === CTE), CTE));
  return encoding?.toLowerCase() ?? null;
}
