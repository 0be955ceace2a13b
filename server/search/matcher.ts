// Search terms compiled into one predicate over stored messages. Cheap tests run first, so the
// decoded text is only read for messages that pass every other term.
import type { Address } from '../mail/address-list.ts';
import { partCounts } from '../mail/part-counts.ts';
import { SEEN, type StoredMessage } from '../store/message.ts';
import { hiddenRecipients } from '../store/recipients.ts';
import { hasTag, tagKeyword, tagsOf } from '../store/tags.ts';
import { parseSearch, type AddressField, type SearchOptions, type SearchTerm } from './parse.ts';
import type { SearchTextCache } from './text-cache.ts';
import { mayContain, needleBits } from './trigrams.ts';

export type MessageTest = (message: StoredMessage, texts: SearchTextCache) => boolean;

export interface CompiledSearch {
  readonly terms: readonly SearchTerm[];
  /** True when every term holds. */
  readonly matches: MessageTest;
}

function addressesOf(message: StoredMessage, field: AddressField): Array<Address | null> {
  const { meta } = message.content;
  switch (field) {
    case 'from':
      return [meta.from];
    case 'to':
      return meta.to;
    case 'cc':
      return meta.cc;
    case 'bcc':
      return hiddenRecipients(message);
    case 'reply-to':
      return meta.replyTo;
  }
}

function addressMatches(a: Address | null, needle: string): boolean {
  return a !== null && (a.address.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle));
}

function positive(term: SearchTerm): MessageTest {
  switch (term.kind) {
    case 'text': {
      const bits = needleBits(term.value);
      return (m, texts) => {
        const text = texts.get(m);
        if (bits && !mayContain(text.trigrams, bits)) return false;
        return text.headers.includes(term.value) || text.body.includes(term.value);
      };
    }
    case 'address':
      return (m) => term.fields.some((field) => addressesOf(m, field).some((a) => addressMatches(a, term.value)));
    case 'subject':
      return (m) => m.content.meta.subjectLower.includes(term.value);
    case 'message-id':
      return (m) => (m.content.meta.messageId ?? '').toLowerCase().includes(term.value);
    case 'tag': {
      // Tags are stored as IMAP keywords ("Tag 1" as Tag_1): look for the stored spelling.
      const keyword = (tagKeyword(term.value) ?? '').toLowerCase();
      return (m) => hasTag(m, keyword);
    }
    case 'read':
      return (m) => m.flags.has(SEEN);
    case 'tagged':
      return (m) => tagsOf(m).length > 0;
    case 'attachment':
      return (m) => partCounts(m.content.raw).attachments > 0;
    case 'inline':
      return (m) => partCounts(m.content.raw).inline > 0;
    case 'after':
      return (m) => m.receivedAt.getTime() >= term.at.getTime();
    case 'before':
      return (m) => m.receivedAt.getTime() <= term.at.getTime();
    case 'larger':
      return (m) => m.size > term.bytes;
    case 'smaller':
      return (m) => m.size < term.bytes;
  }
}

/** Higher runs later: anything that decodes the body goes last. */
function cost(term: SearchTerm): number {
  if (term.kind === 'text') return 3;
  if (term.kind === 'attachment' || term.kind === 'inline') return 2;
  return term.kind === 'address' ? 1 : 0;
}

export function compileTerms(terms: readonly SearchTerm[]): CompiledSearch {
  const tests = [...terms]
    .sort((a, b) => cost(a) - cost(b))
    .map((term) => {
      const test = positive(term);
      return term.negate ? ((m, texts) => !test(m, texts)) as MessageTest : test;
    });
  const matches: MessageTest =
    tests.length === 1
      ? tests[0]
      : (message, texts) => {
          for (const test of tests) if (!test(message, texts)) return false;
          return true;
        };
  return { terms, matches };
}

export function compileSearch(query: string, options: SearchOptions = {}): CompiledSearch {
  return compileTerms(parseSearch(query, options));
}
