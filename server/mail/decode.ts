// Content-Transfer-Encoding and charset decoding of body bytes, forgiving of bad input: what cannot
// be decoded is passed through rather than rejected.
import { isUtf8 } from 'node:buffer';
import { decodeCharset } from './libmime.ts';

export function transferDecode(body: Buffer, encoding: string | null): Buffer {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1'), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

const EQUALS = 0x3d;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** RFC 2045 6.7: `=XX` bytes and `=` soft line breaks; a malformed `=` is kept as it is. */
export function decodeQuotedPrintable(input: Buffer): Buffer {
  if (input.indexOf(EQUALS) === -1) return input;
  const out = Buffer.allocUnsafe(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i];
    if (byte !== EQUALS) {
      out[length++] = byte;
      continue;
    }
    const high = hexValue(input[i + 1]);
    const low = high === -1 ? -1 : hexValue(input[i + 2]);
    if (low !== -1) {
      out[length++] = (high << 4) | low;
      i += 2;
      continue;
    }
    // Soft line break: `=`, optional trailing whitespace, then CRLF or LF.
    let j = i + 1;
    while (input[j] === 0x20 || input[j] === 0x09) j++;
    if (input[j] === 0x0d && input[j + 1] === 0x0a) i = j + 1;
    else if (input[j] === 0x0a) i = j;
    else out[length++] = byte;
  }
  return out.subarray(0, length);
}

const MAX_LABELS = 64;
const knownLabels = new Map<string, boolean>();

/** Whether the label names a charset we can decode (WHATWG's list, as Node's TextDecoder knows it). */
function isKnownCharset(label: string): boolean {
  let known = knownLabels.get(label);
  if (known === undefined) {
    try {
      new TextDecoder(label);
      known = true;
    } catch {
      known = false;
    }
    // Labels come from mail: remember only a bounded number of them.
    if (knownLabels.size < MAX_LABELS) knownLabels.set(label, known);
  }
  return known;
}

/**
 * Bytes in a declared charset as text, decoded by libmime (iconv-lite): Node's own TextDecoder
 * reads windows-1252 as latin1. Missing, unknown or US-ASCII (often mislabelled) charsets read as
 * UTF-8 when valid, else latin1.
 */
export function charsetDecode(bytes: Buffer, charset: string | null): string {
  const label = charset?.trim().toLowerCase() ?? '';
  if (label === 'utf-8' || label === 'utf8') return bytes.toString('utf8');
  if (label === '' || label === 'us-ascii' || label === 'ascii' || !isKnownCharset(label)) {
    return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
  }
  return decodeCharset(bytes, label);
}
