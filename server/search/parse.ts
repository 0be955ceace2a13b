// The one search language (Mailpit's syntax), parsed into terms. Every word is one term and all
// terms must hold: bare words and "quoted phrases" search the text; `field:value` narrows to a
// field; is:, has:, before:, after:, larger: and smaller: test state; a leading - or ! negates.
// Parsing never fails: like Mailpit, a term it cannot read (a bad date) is left out.
import { splitWords } from './tokens.ts';
import { parseDate, parseSize } from './values.ts';

export const ADDRESS_FIELDS = ['from', 'to', 'cc', 'bcc', 'reply-to'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

export type TermBody =
  | { kind: 'text'; value: string }
  | { kind: 'address'; fields: readonly AddressField[]; value: string }
  | { kind: 'subject'; value: string }
  | { kind: 'message-id'; value: string }
  | { kind: 'tag'; value: string }
  | { kind: 'read' }
  | { kind: 'tagged' }
  | { kind: 'attachment' }
  | { kind: 'inline' }
  | { kind: 'after' | 'before'; at: Date }
  | { kind: 'larger' | 'smaller'; bytes: number };

export type SearchTerm = { negate: boolean } & TermBody;

export interface SearchOptions {
  /** IANA zone for dates without one in before:/after: (Mailpit's `tz`); default: local time. */
  timeZone?: string;
}

const STATES: Record<string, TermBody> = {
  'is:read': { kind: 'read' },
  'is:tagged': { kind: 'tagged' },
  'has:attachment': { kind: 'attachment' },
  'has:attachments': { kind: 'attachment' },
  'has:inline': { kind: 'inline' },
  'has:inlines': { kind: 'inline' },
};

function fieldTerm(name: string, value: string, options: SearchOptions): TermBody | null | undefined {
  if ((ADDRESS_FIELDS as readonly string[]).includes(name)) return { kind: 'address', fields: [name as AddressField], value: value.toLowerCase() };
  switch (name) {
    case 'addressed':
      return { kind: 'address', fields: ADDRESS_FIELDS, value: value.toLowerCase() };
    case 'subject':
      return { kind: 'subject', value: value.toLowerCase() };
    case 'message-id':
      return { kind: 'message-id', value: value.toLowerCase().replace(/^<|>$/g, '') };
    case 'tag':
      return { kind: 'tag', value: value.toLowerCase() };
    case 'after':
    case 'before': {
      const at = parseDate(value, options.timeZone);
      return at ? { kind: name, at } : null;
    }
    case 'larger':
    case 'smaller': {
      const bytes = parseSize(value);
      // Not a size: the word is searched as text, as Mailpit does.
      return bytes === null ? undefined : { kind: name, bytes };
    }
    default:
      return undefined;
  }
}

/** One word -> its term; null when the word says nothing (an empty value, an unreadable date). */
function parseWord(word: string, options: SearchOptions): SearchTerm | null {
  let negate = false;
  let text = word;
  if (text.length > 1 && (text[0] === '-' || text[0] === '!')) {
    negate = true;
    text = text.slice(1);
  }
  const lower = text.toLowerCase();
  if (lower === 'is:unread') return { negate: !negate, kind: 'read' };
  const state = STATES[lower];
  if (state) return { negate, ...state } as SearchTerm;
  const colon = text.indexOf(':');
  if (colon > 0) {
    const value = text.slice(colon + 1).trim();
    const body = fieldTerm(lower.slice(0, colon), value, options);
    if (body === null) return null;
    if (body !== undefined) return value ? ({ negate, ...body } as SearchTerm) : null;
  }
  const value = lower.trim();
  return value ? { negate, kind: 'text', value } : null;
}

export function parseSearch(query: string, options: SearchOptions = {}): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const word of splitWords(query)) {
    const term = parseWord(word, options);
    if (term) terms.push(term);
  }
  return terms;
}
