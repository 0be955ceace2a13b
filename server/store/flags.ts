// Flag names (RFC 3501 2.3.2): system flags and keywords both compare case-insensitively, and the
// store keeps one spelling of each. A system flag is always spelled as the RFC does (`\deleted` is
// \Deleted); a keyword keeps the spelling it was first given anywhere in the store, so `$label1`
// after `$Label1` is the same keyword, and every view (IMAP, POP3, REST, the UI) shows one name.
export const SEEN = '\\Seen';
export const ANSWERED = '\\Answered';
export const FLAGGED = '\\Flagged';
export const DELETED = '\\Deleted';
export const DRAFT = '\\Draft';

/** In the order IMAP lists them (FLAGS, PERMANENTFLAGS, FETCH FLAGS). */
export const SYSTEM_FLAGS: readonly string[] = [ANSWERED, FLAGGED, DELETED, SEEN, DRAFT];

const SYSTEM_BY_LOWER = new Map(SYSTEM_FLAGS.map((flag) => [flag.toLowerCase(), flag]));

export function isSystemFlag(flag: string): boolean {
  return SYSTEM_BY_LOWER.has(flag.toLowerCase());
}

/** The store's spelling of every keyword it has seen, by lower-case name. Never shrinks, like an IMAP server's keyword list. */
export class FlagSpellings {
  readonly #keywords = new Map<string, string>();

  /** The one spelling of `flag`; a keyword seen for the first time is learnt as given. */
  canonical(flag: string): string {
    const lower = flag.toLowerCase();
    const system = SYSTEM_BY_LOWER.get(lower);
    if (system) return system;
    const known = this.#keywords.get(lower);
    if (known !== undefined) return known;
    this.#keywords.set(lower, flag);
    return flag;
  }

  /** A flag set in canonical spellings and order: system flags first, in SYSTEM_FLAGS order, then keywords as given. */
  set(flags: Iterable<string>): Set<string> {
    const system = new Set<string>();
    const keywords = new Set<string>();
    for (const flag of flags) {
      const name = this.canonical(flag);
      (SYSTEM_BY_LOWER.has(name.toLowerCase()) ? system : keywords).add(name);
    }
    if (!system.size) return keywords;
    const ordered = new Set<string>();
    for (const flag of SYSTEM_FLAGS) if (system.has(flag)) ordered.add(flag);
    for (const keyword of keywords) ordered.add(keyword);
    return ordered;
  }
}
