// LIST/LSUB mailbox patterns (RFC 3501 6.3.8): `*` matches anything, `%` anything but the
// hierarchy delimiter; INBOX matches in any case.
import { DELIMITER, INBOX } from '../store/folders.ts';

export type NameMatcher = (name: string) => boolean;

export function patternMatcher(reference: string, pattern: string): NameMatcher {
  let full = reference + pattern;
  if (full.slice(0, INBOX.length).toUpperCase() === INBOX && (full.length === INBOX.length || '/*%'.includes(full[INBOX.length]))) {
    full = INBOX + full.slice(INBOX.length);
  }
  const delimiter = escapeRegExp(DELIMITER);
  const source = [...full]
    .map((c) => (c === '*' ? '.*' : c === '%' ? `[^${delimiter}]*` : escapeRegExp(c)))
    .join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (name) => regex.test(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
