// Byte offsets of every MIME part of a raw message, read straight from the bytes (no mailparser):
// what IMAP BODY[section] slices, BODYSTRUCTURE describes and SEARCH decodes. Header text is read
// as latin1, so every string keeps its original bytes (one char per byte) and offsets stay exact.
// Malformed input yields a best-effort tree; parsing never throws.

import { parseDisposition, parseLanguage, parseMediaType, parseToken, type MimeParam } from './mime-fields.ts';

export type { MimeParam };

export interface MimePart {
  /** First byte of the part's header block (for a multipart child: just after the boundary line). */
  readonly headerStart: number;
  /** First byte after the blank line that ends the header block (headerStart when there are no headers). */
  readonly bodyStart: number;
  /** One past the last body byte; the line break before a boundary belongs to the boundary. */
  readonly end: number;
  /** As written (defaults when there is no Content-Type): "text", "plain". */
  readonly type: string;
  readonly subtype: string;
  /** Lower-cased `type/subtype`, for logic. */
  readonly mediaType: string;
  readonly params: MimeParam[];
  readonly id: string | null;
  readonly description: string | null;
  readonly encoding: string | null;
  readonly disposition: { value: string; params: MimeParam[] } | null;
  readonly language: string[] | null;
  readonly location: string | null;
  readonly md5: string | null;
  readonly bodySize: number;
  /** Line feeds in the body. */
  readonly lines: number;
  /** The parts of a multipart, in order. */
  readonly children: MimePart[];
  /** The embedded message of a message/rfc822 part; it spans this part's body. */
  readonly message: MimePart | null;
}

export type HeaderField = [name: string, value: string];

const MAX_DEPTH = 50;
const MAX_PARTS = 5000;
const LF = 10;
const CR = 13;

const trees = new WeakMap<Buffer, MimePart>();

/** The MIME tree of a raw message, parsed once per Buffer (copies of a message share theirs). */
export function mimeTreeOf(raw: Buffer): MimePart {
  let tree = trees.get(raw);
  if (!tree) {
    tree = parseEntity(raw, 0, raw.length, { parts: 0 }, 0, 'message');
    trees.set(raw, tree);
  }
  return tree;
}

/** Where the header block that starts at `start` ends: just after its blank line, or `end`. */
export function findHeaderEnd(raw: Buffer, start: number, end: number): number {
  if (start >= end) return end;
  if (raw[start] === LF) return start + 1;
  if (raw[start] === CR && raw[start + 1] === LF) return Math.min(start + 2, end);
  for (let i = raw.indexOf(LF, start); i !== -1 && i < end; i = raw.indexOf(LF, i + 1)) {
    if (raw[i + 1] === LF) return Math.min(i + 2, end);
    if (raw[i + 1] === CR && raw[i + 2] === LF) return Math.min(i + 3, end);
  }
  return end;
}

/**
 * The fields of a header block, unfolded (line breaks removed, other whitespace kept), in order;
 * only those `wanted` (by lower-case name) when given, so unwanted values are never decoded.
 */
export function readHeaderFields(raw: Buffer, start: number, end: number, wanted?: (name: string) => boolean): HeaderField[] {
  const fields: HeaderField[] = [];
  // One string for the block: slicing it is far cheaper than a Buffer.toString per line.
  const text = raw.toString('latin1', start, end);
  const lineEnd = (from: number) => {
    const lf = text.indexOf('\n', from);
    return lf === -1 ? text.length : lf + 1;
  };
  for (let pos = 0; pos < text.length; ) {
    const firstLineEnd = lineEnd(pos);
    let fieldEnd = firstLineEnd;
    while (fieldEnd < text.length && (text[fieldEnd] === ' ' || text[fieldEnd] === '\t')) fieldEnd = lineEnd(fieldEnd);
    const colon = text.indexOf(':', pos);
    if (colon !== -1 && colon < firstLineEnd) {
      const name = text.slice(pos, colon).trim();
      if (name && !/\s/.test(name) && (!wanted || wanted(name.toLowerCase()))) {
        let value = text.slice(colon + 1, fieldEnd);
        if (value.includes('\n')) value = value.replace(/\r?\n/g, '');
        fields.push([name, value.trim()]);
      }
    }
    pos = fieldEnd;
  }
  return fields;
}

/** One field of a header block as its bytes lie: from its first line to the end of its last continuation line. */
export interface FieldRange {
  /** Lower-cased; null for a line that is no field (no colon, such as the blank line that ends the block). */
  name: string | null;
  start: number;
  end: number;
}

/** The fields of a header block as byte ranges, folding kept: for picking fields out (HEADER.FIELDS) or rewriting one (BINARY). */
export function headerFieldRanges(raw: Buffer, start: number, end: number): FieldRange[] {
  const ranges: FieldRange[] = [];
  const lineEnd = (from: number) => {
    const lf = raw.indexOf(LF, from);
    return lf === -1 || lf >= end ? end : lf + 1;
  };
  for (let pos = start; pos < end; ) {
    let fieldEnd = lineEnd(pos);
    const colon = raw.indexOf(0x3a, pos);
    const isField = colon !== -1 && colon < fieldEnd && raw[pos] !== 0x20 && raw[pos] !== 0x09;
    if (isField) while (fieldEnd < end && (raw[fieldEnd] === 0x20 || raw[fieldEnd] === 0x09)) fieldEnd = lineEnd(fieldEnd);
    ranges.push({ name: isField ? raw.toString('latin1', pos, colon).trim().toLowerCase() : null, start: pos, end: fieldEnd });
    pos = fieldEnd;
  }
  return ranges;
}

export function headerField(fields: HeaderField[], name: string): string | null {
  for (const [key, value] of fields) if (key.length === name.length && key.toLowerCase() === name) return value;
  return null;
}

export function paramValue(params: MimeParam[], name: string): string | null {
  for (const param of params) if (param.name.toLowerCase() === name) return param.value;
  return null;
}

/**
 * The part RFC 3501 6.4.5 numbers `path` ([] is the whole message), walked as Dovecot walks it: a
 * single part answers to `1` (so a message that is not multipart has part 1, its body), and a
 * message/rfc822 part followed by more numbers continues inside its message.
 */
export function findPart(root: MimePart, path: readonly number[]): MimePart | null {
  let part: MimePart | undefined = root;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    if (part.mediaType.startsWith('multipart/')) {
      part = part.children[path[i] - 1];
      if (!part) return null;
    } else if (path[i] !== 1 || (!last && !part.message)) {
      return null;
    }
    if (!last && part.message) part = part.message;
  }
  return part;
}

const isMimeField = (name: string) => name.startsWith('content-') || name === 'mime-version';

interface Budget {
  parts: number;
}

type Context = 'message' | 'part' | 'digest-part';

function parseEntity(raw: Buffer, start: number, end: number, budget: Budget, depth: number, context: Context): MimePart {
  budget.parts++;
  const bodyStart = findHeaderEnd(raw, start, end);
  const fields = readHeaderFields(raw, start, bodyStart, isMimeField);
  // A message without MIME-Version or Content-Type is not MIME: its other Content-* fields mean nothing (as Dovecot).
  const isMime =
    context !== 'message' || fields.some(([name]) => /^(mime-version|content-type)$/i.test(name));
  const field = (name: string) => (isMime ? headerField(fields, name) : null);

  const contentType = parseContentType(field('content-type'), context);
  const withinLimits = depth < MAX_DEPTH && budget.parts < MAX_PARTS;
  const multipart = contentType.mediaType.startsWith('multipart/');
  const rfc822 = contentType.mediaType === 'message/rfc822';
  // Beyond the limits a container is described as opaque bytes rather than with an invalid structure.
  const opaque = !withinLimits && (multipart || rfc822);
  const { type, subtype, mediaType } = opaque
    ? { type: 'application', subtype: 'octet-stream', mediaType: 'application/octet-stream' }
    : contentType;

  let children: MimePart[] = [];
  let message: MimePart | null = null;
  if (!opaque && multipart) {
    const boundary = paramValue(contentType.params, 'boundary');
    const childContext = mediaType === 'multipart/digest' ? 'digest-part' : 'part';
    if (boundary) {
      children = splitMultipart(raw, bodyStart, end, boundary, MAX_PARTS - budget.parts).map(([s, e]) =>
        parseEntity(raw, s, e, budget, depth + 1, childContext),
      );
    }
  } else if (!opaque && rfc822) {
    message = parseEntity(raw, bodyStart, end, budget, depth + 1, 'message');
  }

  const disposition = field('content-disposition');
  const language = field('content-language');
  return {
    headerStart: start,
    bodyStart,
    end,
    type,
    subtype,
    mediaType,
    params: contentType.params,
    id: field('content-id'),
    description: field('content-description'),
    encoding: parseToken(field('content-transfer-encoding')),
    disposition: disposition === null ? null : parseDisposition(disposition),
    language: language === null ? null : parseLanguage(language),
    location: field('content-location'),
    md5: field('content-md5'),
    bodySize: end - bodyStart,
    lines: countLines(raw, bodyStart, end),
    children,
    message,
  };
}

function countLines(raw: Buffer, start: number, end: number): number {
  let lines = 0;
  for (let i = raw.indexOf(LF, start); i !== -1 && i < end; i = raw.indexOf(LF, i + 1)) lines++;
  return lines;
}

/**
 * The [start, end) ranges of the parts between `--boundary` lines. Tolerates a missing close
 * delimiter (the last part runs to `end`), preamble and epilogue, bare LF and transport padding.
 * After `maxParts` parts the last one takes the rest, as Dovecot does past its part limit.
 */
function splitMultipart(raw: Buffer, bodyStart: number, end: number, boundary: string, maxParts: number): Array<[number, number]> {
  const delimiter = Buffer.from('--' + boundary, 'latin1');
  const ranges: Array<[number, number]> = [];
  let partStart = -1;
  let from = bodyStart;
  while (from < end && ranges.length < maxParts - 1) {
    const at = findDelimiter(raw, delimiter, from, bodyStart, end);
    if (at === -1) break;
    const afterDelimiter = at + delimiter.length;
    const closing = raw[afterDelimiter] === 0x2d && raw[afterDelimiter + 1] === 0x2d;
    if (partStart !== -1) ranges.push([partStart, Math.max(partStart, lineBreakStart(raw, at, partStart))]);
    if (closing) return ranges;
    const lineEnd = raw.indexOf(LF, afterDelimiter);
    partStart = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
    from = partStart;
  }
  if (partStart !== -1) ranges.push([partStart, end]);
  return ranges;
}

/** The next delimiter at the start of a line, followed by `--`, whitespace or a line end. */
function findDelimiter(raw: Buffer, delimiter: Buffer, from: number, bodyStart: number, end: number): number {
  for (let at = raw.indexOf(delimiter, from); at !== -1 && at + delimiter.length <= end; at = raw.indexOf(delimiter, at + 1)) {
    if (at !== bodyStart && raw[at - 1] !== LF) continue;
    const next = raw[at + delimiter.length];
    if (next === undefined || at + delimiter.length === end || next === 0x2d || next === CR || next === LF || next === 0x20 || next === 0x09) {
      return at;
    }
  }
  return -1;
}

/** Where the line break before `at` begins (it belongs to the delimiter), not before `floor`. */
function lineBreakStart(raw: Buffer, at: number, floor: number): number {
  if (at - 1 < floor || raw[at - 1] !== LF) return at;
  return at - 2 >= floor && raw[at - 2] === CR ? at - 2 : at - 1;
}

interface ContentType {
  type: string;
  subtype: string;
  mediaType: string;
  params: MimeParam[];
}

function parseContentType(value: string | null, context: Context): ContentType {
  const parsed = value === null ? null : parseMediaType(value);
  if (parsed) return { ...parsed, mediaType: `${parsed.type}/${parsed.subtype}`.toLowerCase() };
  return context === 'digest-part'
    ? { type: 'message', subtype: 'rfc822', mediaType: 'message/rfc822', params: [] }
    : { type: 'text', subtype: 'plain', mediaType: 'text/plain', params: [] };
}
