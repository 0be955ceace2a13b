// The preview line of a message: the start of its first text part (HTML reduced to text when there
// is no plain text), decoded, quoted lines (`> ...`) of a plain reply left out, whitespace collapsed.
// Read straight from the bytes, synchronously, so it is known the moment a message is stored and
// every view (list, event, UI, IMAP FETCH PREVIEW) shows the same.
import { charsetDecode, transferDecode } from './decode.ts';
import { mimeTreeOf, paramValue, type MimePart } from './mime-tree.ts';
import { htmlToText } from './text.ts';

export const SNIPPET_LENGTH = 160;
/** Only the start of a part is decoded: plenty for 160 characters, and a 25 MB body costs no more. */
const TEXT_PREFIX = 4 * 1024;
/** HTML often opens with a long <head> and <style>. */
const HTML_PREFIX = 64 * 1024;

export function snippetOf(raw: Buffer): string {
  const root = mimeTreeOf(raw);
  const part = firstBody(root, 'text/plain') ?? firstBody(root, 'text/html');
  if (!part) return '';
  const html = part.mediaType === 'text/html';
  const end = Math.min(part.end, part.bodyStart + (html ? HTML_PREFIX : TEXT_PREFIX));
  const bytes = transferDecode(raw.subarray(part.bodyStart, end), part.encoding);
  const text = charsetDecode(bytes, paramValue(part.params, 'charset'));
  return (html ? htmlToText(text) : withoutQuotes(text)).replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH).trimEnd();
}

/** A reply's quoted lines say what the reader already saw; the preview is what is new (as Dovecot's). */
function withoutQuotes(text: string): string {
  return text.includes('>') ? text.replace(/^>.*$/gm, '') : text;
}

/** The first part of that type that is a body, not an attachment; embedded messages are not looked into. */
function firstBody(part: MimePart, mediaType: string): MimePart | null {
  if (part.children.length) {
    for (const child of part.children) {
      const found = firstBody(child, mediaType);
      if (found) return found;
    }
    return null;
  }
  const attachment = part.disposition?.value.toLowerCase() === 'attachment';
  return part.mediaType === mediaType && !attachment ? part : null;
}
