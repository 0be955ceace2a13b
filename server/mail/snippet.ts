// The preview line of a message: the start of its first text part (HTML reduced to text when there
// is no plain text), decoded, quoted lines (`> ...`) of a plain reply left out, whitespace collapsed.
// Read straight from the bytes, synchronously, so it is known the moment a message is stored and
// every view (list, event, UI, IMAP FETCH PREVIEW) shows the same.
import { charsetDecode, transferDecode } from './decode.ts';
import { mimeTreeOf, paramValue, type MimePart } from './mime-tree.ts';
import { htmlToText } from './text.ts';

export const SNIPPET_LENGTH = 160;
/**
 * Plain text is decoded from a short start, read further only when that start held too little
 * text (a long run of blank lines): a list page computes fifty snippets at once. The margin keeps a
 * character cut at the end of the start (half a UTF-8 sequence or QP escape) out of the snippet.
 */
const TEXT_PREFIXES = [1024, 4 * 1024];
const CUT_MARGIN = 8;
/** HTML often opens with a long <head> and <style>, and a tag cut at the end would show as text. */
const HTML_PREFIX = 64 * 1024;

export function snippetOf(raw: Buffer): string {
  const root = mimeTreeOf(raw);
  const part = firstBody(root, 'text/plain') ?? firstBody(root, 'text/html');
  if (!part) return '';
  if (part.mediaType === 'text/html') return collapse(htmlToText(decodedStart(raw, part, HTML_PREFIX)));
  for (const prefix of TEXT_PREFIXES) {
    const snippet = collapse(withoutQuotes(decodedStart(raw, part, prefix)), SNIPPET_LENGTH + CUT_MARGIN);
    if (snippet.length >= SNIPPET_LENGTH + CUT_MARGIN || part.bodyStart + prefix >= part.end) return snippet.slice(0, SNIPPET_LENGTH).trimEnd();
  }
  return collapse(withoutQuotes(decodedStart(raw, part, TEXT_PREFIXES[TEXT_PREFIXES.length - 1])));
}

/** A reply's quoted lines say what the reader already saw; the preview is what is new (as Dovecot's). */
function withoutQuotes(text: string): string {
  return text.includes('\n>') || text.startsWith('>') ? text.replace(/^>.*$/gm, '') : text;
}

function decodedStart(raw: Buffer, part: MimePart, prefix: number): string {
  const end = Math.min(part.end, part.bodyStart + prefix);
  const bytes = transferDecode(raw.subarray(part.bodyStart, end), part.encoding);
  return charsetDecode(bytes, paramValue(part.params, 'charset'));
}

/**
 * Whitespace runs (what /\s/ matches) as one space, trimmed, at most `length` characters. It reads
 * only as far as the output needs: a regex replace over the whole start cost more than the decoding.
 */
function collapse(text: string, length = SNIPPET_LENGTH): string {
  let out = '';
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      gap = out.length > 0;
      continue;
    }
    if (gap) {
      if (out.length + 1 >= length) break;
      out += ' ';
      gap = false;
    }
    out += text[i];
    if (out.length >= length) break;
  }
  return out;
}

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
