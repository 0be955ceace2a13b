// A MIME part's content with its Content-Transfer-Encoding undone (what IMAP BINARY[section], RFC
// 3516, sends). A leaf part is its decoded body. A message (the whole one, or a message/rfc822 part)
// whose body is a single encoded part is its header, with that field now saying `binary`, and the
// decoded body, as Dovecot answers; a multipart is sent as it is stored. An encoding other than
// 7bit/8bit/binary/base64/quoted-printable cannot be undone: the caller refuses with UNKNOWN-CTE.
import { transferDecode } from './decode.ts';
import { parseToken } from './mime-fields.ts';
import { findPart, headerField, mimeTreeOf, readHeaderFields, type MimePart } from './mime-tree.ts';

export type BinaryContent =
  /** `decoded`: an encoding was undone (IMAP then sends a literal8, as Dovecot does). */
  | { kind: 'bytes'; bytes: Buffer; decoded: boolean }
  | { kind: 'unknown-encoding'; encoding: string };

const IDENTITY = new Set(['7bit', '8bit', 'binary']);
const DECODABLE = new Set(['base64', 'quoted-printable']);
const EMPTY: BinaryContent = { kind: 'bytes', bytes: Buffer.alloc(0), decoded: false };

/** Decoded parts of a message, by path, so BINARY.SIZE and BINARY of one part decode it once. */
const decodedParts = new WeakMap<Buffer, Map<string, BinaryContent>>();

/** The content of the part at `path` ([] is the whole message); no such part is empty content, as Dovecot answers. */
export function binaryContent(raw: Buffer, path: readonly number[]): BinaryContent {
  let cache = decodedParts.get(raw);
  if (!cache) decodedParts.set(raw, (cache = new Map()));
  const key = path.join('.');
  let content = cache.get(key);
  if (!content) {
    content = compute(raw, path);
    cache.set(key, content);
  }
  return content;
}

function compute(raw: Buffer, path: readonly number[]): BinaryContent {
  const root = mimeTreeOf(raw);
  if (!path.length) return messageContent(raw, root);
  const part = findPart(root, path);
  if (!part) return EMPTY;
  if (part.message) return messageContent(raw, part.message);
  if (part.children.length || part.mediaType.startsWith('multipart/')) return { kind: 'bytes', bytes: raw.subarray(part.bodyStart, part.end), decoded: false };
  return leafContent(raw, part);
}

function leafContent(raw: Buffer, part: MimePart): BinaryContent {
  const body = raw.subarray(part.bodyStart, part.end);
  const encoding = transferEncoding(raw, part);
  if (encoding === null || IDENTITY.has(encoding)) return { kind: 'bytes', bytes: body, decoded: false };
  if (!DECODABLE.has(encoding)) return { kind: 'unknown-encoding', encoding };
  return { kind: 'bytes', bytes: transferDecode(body, encoding), decoded: true };
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

const CTE = 'content-transfer-encoding';

/** A whole message: as stored, unless it is one encoded part, which is then given in binary form. */
function messageContent(raw: Buffer, message: MimePart): BinaryContent {
  const whole: BinaryContent = { kind: 'bytes', bytes: raw.subarray(message.headerStart, message.end), decoded: false };
  if (message.children.length || message.message || message.mediaType.startsWith('multipart/')) return whole;
  const body = leafContent(raw, message);
  if (body.kind !== 'bytes' || !body.decoded) return body.kind === 'bytes' ? whole : body;
  const header = withBinaryEncoding(raw.subarray(message.headerStart, message.bodyStart));
  return { kind: 'bytes', bytes: Buffer.concat([header, body.bytes]), decoded: true };
}

/** The header block with its Content-Transfer-Encoding field (and continuation lines) rewritten as `binary`. */
function withBinaryEncoding(header: Buffer): Buffer {
  const text = header.toString('latin1');
  const replaced = text.replace(/^content-transfer-encoding[ \t]*:[^\n]*\n(?:[ \t][^\n]*\n)*/im, (field) => `Content-Transfer-Encoding: binary${field.endsWith('\r\n') ? '\r\n' : '\n'}`);
  return Buffer.from(replaced, 'latin1');
}
