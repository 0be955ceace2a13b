// The system flags (RFC 3501 2.3.2): the one list SELECT announces and SEARCH keys name.
import type { FlagSearch } from './syntax.ts';

/** Each system flag by the SEARCH key that names it, in the order SELECT lists them. */
export const SYSTEM_FLAG_BY_KEY: Readonly<Record<FlagSearch, string>> = {
  ANSWERED: '\\Answered',
  FLAGGED: '\\Flagged',
  DELETED: '\\Deleted',
  SEEN: '\\Seen',
  DRAFT: '\\Draft',
};

export const SYSTEM_FLAGS: readonly string[] = Object.values(SYSTEM_FLAG_BY_KEY);
