// Decoded text of a message for searching (REST q, IMAP SEARCH BODY/TEXT), so both agree: every
// text/* part transfer- and charset-decoded, HTML reduced to its text, and the headers of embedded
// messages (they are body to the outer message). Attachments that are not text are skipped.
import { charsetDecode, transferDecode } from './decode.ts';
import { decodeHeaderBytes, decodeWords } from './headers.ts';
import { mimeTreeOf, paramValue, type MimePart } from './mime-tree.ts';

// The last message's text: a SEARCH with several BODY/TEXT keys (`OR BODY a BODY b`) decodes each
// message once. Only one entry, because a scan over every message would defeat any bounded cache
// and an unbounded one would hold a decoded copy of the whole store (measured: decoding 10,000
// messages of 10 KB takes about 60 ms).
let last: { raw: Buffer; text: string } | null = null;

/** The searchable text of a raw message's body. */
export function bodyText(raw: Buffer): string {
  if (last?.raw === raw) return last.text;
  const pieces: string[] = [];
  collect(raw, mimeTreeOf(raw), pieces);
  const text = pieces.length === 1 ? pieces[0] : pieces.join('\n');
  last = { raw, text };
  return text;
}

/** A header block as searchable text: UTF-8 (or latin1) with encoded-words decoded. */
export function headerText(raw: Buffer, start: number, end: number): string {
  const text = decodeHeaderBytes(raw.subarray(start, end));
  return text.includes('=?') ? decodeWords(text) : text;
}

function collect(raw: Buffer, part: MimePart, pieces: string[]): void {
  if (part.children.length) {
    for (const child of part.children) collect(raw, child, pieces);
  } else if (part.message) {
    pieces.push(headerText(raw, part.message.headerStart, part.message.bodyStart));
    collect(raw, part.message, pieces);
  } else if (part.mediaType.startsWith('text/')) {
    const bytes = transferDecode(raw.subarray(part.bodyStart, part.end), part.encoding);
    const text = charsetDecode(bytes, paramValue(part.params, 'charset'));
    pieces.push(part.mediaType === 'text/html' ? htmlToText(text) : text);
  }
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™', euro: '€',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à', aacute: 'á', acirc: 'â', ccedil: 'ç', ouml: 'ö', uuml: 'ü',
  auml: 'ä', Ouml: 'Ö', Uuml: 'Ü', Auml: 'Ä', szlig: 'ß', ntilde: 'ñ', oacute: 'ó', iacute: 'í', uacute: 'ú',
};

const INLINE_TAGS = new Set(
  'a abbr b bdi bdo big cite code em font i kbd mark q s samp small span strike strong sub sup u var wbr'.split(' '),
);

/**
 * Rough text of HTML for searching: scripts, styles and comments dropped, inline tags removed (so
 * `caf<b>é</b>` reads as one word), other tags become a space, common entities decoded. A single
 * scan: this runs for every HTML part on every SEARCH BODY.
 */
export function htmlToText(html: string): string {
  let out = '';
  let pos = 0;
  while (pos < html.length) {
    const open = html.indexOf('<', pos);
    if (open === -1) {
      out += html.slice(pos);
      break;
    }
    out += html.slice(pos, open);
    if (html.startsWith('!--', open + 1)) {
      const close = html.indexOf('-->', open + 4);
      out += ' ';
      pos = close === -1 ? html.length : close + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    if (close === -1) {
      out += html.slice(open);
      break;
    }
    const name = tagName(html, open + 1);
    pos = close + 1;
    if (name === 'script' || name === 'style') pos = endOfElement(html, name, pos);
    if (!INLINE_TAGS.has(name)) out += ' ';
  }
  return out.includes('&') ? decodeEntities(out) : out;
}

function tagName(html: string, from: number): string {
  let start = from;
  if (html[start] === '/') start++;
  let end = start;
  for (; end < html.length; end++) {
    const c = html.charCodeAt(end) | 0x20;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39 && end > start))) break;
  }
  return html.slice(start, end).toLowerCase();
}

function endOfElement(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}\\s*>`, 'gi');
  closing.lastIndex = from;
  return closing.exec(html) ? closing.lastIndex : html.length;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
