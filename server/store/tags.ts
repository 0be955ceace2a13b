// Tags are IMAP keywords: a message's tags are the flags in its one flag set that are not system
// flags (\Seen, \Flagged, ...). Nothing is copied or kept in sync, so a tag set over HTTP is the
// keyword an IMAP client sees, and a keyword a client sets ($label1, followup) is a tag.
import type { StoredMessage } from './message.ts';

const MAX_TAG_LENGTH = 100;
/** Characters an IMAP atom may not hold (RFC 3501 atom-specials and resp-specials). */
const NOT_ATOM = /[\x00-\x20\x7f(){%*"\\\]]/g;

export function isTag(flag: string): boolean {
  return !flag.startsWith('\\');
}

export function tagsOf(message: Pick<StoredMessage, 'flags'>): string[] {
  const tags: string[] = [];
  for (const flag of message.flags) if (isTag(flag)) tags.push(flag);
  return tags;
}

/**
 * A tag name as the keyword it is stored as, or null if nothing is left of it. Runs of white space
 * become one `_` (an IMAP keyword cannot hold a space: "Tag 1" is stored as Tag_1); other
 * characters an IMAP atom cannot hold are dropped.
 */
export function tagKeyword(name: string): string | null {
  const keyword = name
    .trim()
    .replace(/\s+/g, '_')
    .replace(NOT_ATOM, '')
    .replace(/^\\+/, '')
    .slice(0, MAX_TAG_LENGTH);
  return keyword || null;
}

/** Cleans and de-duplicates (case-insensitively, first spelling wins) a list of tag names. */
export function tagKeywords(names: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const keyword = tagKeyword(name);
    if (keyword && !seen.has(keyword.toLowerCase())) seen.set(keyword.toLowerCase(), keyword);
  }
  return [...seen.values()];
}

export function hasTag(message: Pick<StoredMessage, 'flags'>, lowerName: string): boolean {
  for (const flag of message.flags) if (isTag(flag) && flag.toLowerCase() === lowerName) return true;
  return false;
}

/** Tags named by the mail itself: its X-Tags header, and `user+tag@` recipients when asked. */
export function tagsFromMail(message: StoredMessage, plusAddressing: boolean): string[] {
  const { meta } = message.content;
  const names: string[] = [];
  for (const [name, value] of meta.headers) if (name.toLowerCase() === 'x-tags') names.push(...value.split(','));
  if (plusAddressing) {
    const addresses = [meta.from, ...meta.to, ...meta.cc, ...meta.bcc].map((a) => a?.address ?? '');
    for (const address of [...addresses, ...message.envelope.rcptTo]) {
      const local = address.slice(0, address.lastIndexOf('@'));
      const plus = local.indexOf('+');
      if (address.includes('@') && plus > 0) names.push(...local.slice(plus + 1).split('+'));
    }
  }
  return tagKeywords(names);
}
