// Tags are IMAP keywords: a message's tags are the flags in its one flag set that are not system
// flags (\Seen, \Flagged, ...). Nothing is copied or kept in sync, so a tag set over HTTP is the
// keyword an IMAP client sees, and a keyword a client sets ($label1, followup) is a tag.
import type { SmtpEnvelope } from './envelope.ts';
import type { MailContent, StoredMessage } from './message.ts';

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

/** A flag set with its tags replaced by `tags` (cleaned) and its system flags kept. */
export function withTags(flags: Iterable<string>, tags: Iterable<string>): string[] {
  return [...[...flags].filter((flag) => !isTag(flag)), ...tagKeywords(tags)];
}

export function hasTag(message: Pick<StoredMessage, 'flags'>, lowerName: string): boolean {
  for (const flag of message.flags) if (isTag(flag) && flag.toLowerCase() === lowerName) return true;
  return false;
}

const X_TAGS = /^x-tags:/im;

/**
 * Tags named by the mail itself, as Mailpit reads them: its X-Tags header (comma-separated), and
 * with plus-addressing the `tag` of `user+tag@domain` recipients. Only a mail that may carry tags
 * has its headers read here, so plain SMTP ingest stays a copy of bytes.
 */
export function tagsFromMail(content: MailContent, envelope: SmtpEnvelope, plusAddressing: boolean): string[] {
  const hasHeader = X_TAGS.test(content.headerBytes.toString('latin1'));
  if (!hasHeader && !plusAddressing) return [];
  const { meta } = content;
  const names: string[] = [];
  for (const [name, value] of meta.headers) if (name.toLowerCase() === 'x-tags') names.push(...value.split(','));
  if (plusAddressing) {
    const addresses = [meta.from, ...meta.to, ...meta.cc, ...meta.bcc].map((a) => a?.address ?? '');
    for (const address of [...addresses, ...envelope.rcptTo]) {
      const at = address.lastIndexOf('@');
      const plus = address.indexOf('+');
      if (plus > 0 && plus < at) names.push(...address.slice(plus + 1, at).split('+'));
    }
  }
  return tagKeywords(names);
}
