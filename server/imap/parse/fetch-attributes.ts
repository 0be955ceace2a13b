// FETCH attributes: a macro (ALL, FAST, FULL), one attribute or a parenthesised list of them;
// BINARY[], BINARY.PEEK[] and BINARY.SIZE[] (RFC 3516) besides RFC 3501's.
import { bad } from '../errors.ts';
import type { FetchAttribute, Partial, Section, SimpleFetchAttribute } from '../syntax.ts';
import type { Scanner } from './scanner.ts';

const SIMPLE = new Set<string>([
  'FLAGS',
  'INTERNALDATE',
  'RFC822.SIZE',
  'ENVELOPE',
  'BODYSTRUCTURE',
  'BODY',
  'UID',
  'MODSEQ',
  'RFC822',
  'RFC822.HEADER',
  'RFC822.TEXT',
  'PREVIEW',
]);

/** Deprecated by RFC 9051 (Appendix E 18) and not in its grammar: BODY[], BODY[HEADER] and BODY[TEXT] replace them. */
const NOT_IN_IMAP4REV2 = new Set(['RFC822', 'RFC822.HEADER', 'RFC822.TEXT']);

const simple = (...kinds: SimpleFetchAttribute[]): FetchAttribute[] => kinds.map((kind) => ({ kind }));

const MACROS: Record<string, () => FetchAttribute[]> = {
  ALL: () => simple('FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'),
  FAST: () => simple('FLAGS', 'INTERNALDATE', 'RFC822.SIZE'),
  FULL: () => simple('FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'),
};

export function parseFetchAttributes(s: Scanner): FetchAttribute[] {
  if (s.at('(')) return s.list(() => fetchAttribute(s));
  const start = s.pos;
  const name = s.keyword();
  const macro = MACROS[name];
  if (macro) return macro();
  s.pos = start;
  return [fetchAttribute(s)];
}

function fetchAttribute(s: Scanner): FetchAttribute {
  const start = s.pos;
  // Read the name up to `[`, a space or a bracket; `BODY.PEEK` and `RFC822.SIZE` contain dots.
  let end = start;
  while (end < s.data.length && /[A-Za-z0-9.]/.test(String.fromCharCode(s.data[end]))) end++;
  const name = s.data.toString('latin1', start, end).toUpperCase();
  s.pos = end;
  if (s.at('[') && (name === 'BINARY' || name === 'BINARY.PEEK')) {
    return { kind: 'BINARY[]', part: parseSectionBinary(s), peek: name === 'BINARY.PEEK', partial: parsePartial(s) };
  }
  if (s.at('[') && name === 'BINARY.SIZE') return { kind: 'BINARY.SIZE', part: parseSectionBinary(s) };
  if (s.at('[')) {
    if (name !== 'BODY' && name !== 'BODY.PEEK') throw bad(`unknown FETCH attribute ${name}[`);
    const section = parseSection(s);
    return { kind: 'BODY[]', section, peek: name === 'BODY.PEEK', partial: parsePartial(s) };
  }
  if (!SIMPLE.has(name)) throw bad(`unknown FETCH attribute ${name || s.data.toString('latin1', start, start + 1)}`);
  if (s.imap4rev2 && NOT_IN_IMAP4REV2.has(name)) throw bad(`FETCH ${name} is not part of IMAP4rev2: use the BODY[] form`);
  if (name === 'PREVIEW') previewModifiers(s);
  return { kind: name as SimpleFetchAttribute };
}

/**
 * RFC 8970's ` (LAZY)` after PREVIEW. Told apart from FETCH's own modifier list (`FETCH 1 PREVIEW
 * (CHANGEDSINCE 5)`) by its first word; an empty list or an unknown modifier is BAD.
 */
function previewModifiers(s: Scanner): void {
  const start = s.pos;
  if (!(s.maybeSp() && s.at('('))) return void (s.pos = start);
  s.pos++;
  const fetchModifier = s.word('CHANGEDSINCE') || s.word('VANISHED');
  s.pos = start + 1;
  if (fetchModifier) return void (s.pos = start);
  const modifiers = s.list(() => s.keyword());
  if (!modifiers.length) throw bad('PREVIEW needs a modifier in its list');
  for (const modifier of modifiers) if (modifier !== 'LAZY') throw bad(`${modifier} is not a PREVIEW modifier`);
}

function parseSection(s: Scanner): Section {
  s.expect('[');
  const section: Section = { part: [], text: null, fields: [] };
  while (!s.at(']')) {
    const c = s.peek();
    if (c >= 0x30 && c <= 0x39) {
      section.part.push(s.nzNumber());
      if (s.at('.')) {
        s.pos++;
        continue;
      }
      break;
    }
    section.text = sectionText(s, section.part.length > 0);
    if (section.text === 'HEADER.FIELDS' || section.text === 'HEADER.FIELDS.NOT') {
      s.sp();
      section.fields = s.list(() => s.astring().toUpperCase());
      if (!section.fields.length) throw bad('empty header field list');
    }
    break;
  }
  s.expect(']');
  return section;
}

/** RFC 3516 section-binary: `[` [nz-number *("." nz-number)] `]`, part numbers only. */
function parseSectionBinary(s: Scanner): number[] {
  s.expect('[');
  const part: number[] = [];
  if (!s.at(']')) {
    part.push(s.nzNumber());
    while (s.at('.')) {
      s.pos++;
      part.push(s.nzNumber());
    }
  }
  s.expect(']', '"]" (BINARY takes part numbers only)');
  return part;
}

function sectionText(s: Scanner, afterPart: boolean): Section['text'] {
  const word = s.atom().toUpperCase();
  if (word === 'HEADER' || word === 'TEXT' || word === 'HEADER.FIELDS' || word === 'HEADER.FIELDS.NOT') return word;
  if (word === 'MIME' && afterPart) return word;
  throw bad(`invalid section text ${word}`);
}

function parsePartial(s: Scanner): Partial | null {
  if (!s.at('<')) return null;
  s.pos++;
  const offset = s.number();
  s.expect('.');
  const length = s.nzNumber();
  s.expect('>');
  return { offset, length };
}
