// What the IMAP parser produces and the commands consume, and what the encoder writes: the contract
// between the wire codec (reader, parser, encoder) and the message-data modules (fetch, search).
// Plain data only; no I/O.

/** One range of a sequence set. `*` stays symbolic until it is resolved against a mailbox view. */
export interface SeqRange {
  from: number | '*';
  to: number | '*';
}

/** `1:3,7,9:*` as parsed. */
export type SequenceSet = SeqRange[];

/** `$` (RFC 5182): the messages the session's last SEARCH RETURN (SAVE) kept, by number or UID alike. */
export const SAVED_RESULT = { saved: true } as const;

/** How FETCH, STORE, COPY, MOVE, UID EXPUNGE and SEARCH name messages: a sequence set, or `$`. */
export type MessageSet = SequenceSet | typeof SAVED_RESULT;

/** BODY[<section>]: `1.2.HEADER.FIELDS (From To)` is { part: [1, 2], text: 'HEADER.FIELDS', fields: ['FROM', 'TO'] }. */
export interface Section {
  /** MIME part numbers; [] for the whole message. */
  part: number[];
  /** null when only part numbers (or nothing) were given: BODY[1.2], BODY[]. */
  text: 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME' | null;
  /** Upper-cased field names, for HEADER.FIELDS and HEADER.FIELDS.NOT only. */
  fields: string[];
}

export interface Partial {
  offset: number;
  length: number;
}

export type SimpleFetchAttribute =
  | 'FLAGS'
  | 'INTERNALDATE'
  | 'RFC822.SIZE'
  | 'ENVELOPE'
  | 'BODYSTRUCTURE'
  /** BODY without a section: the non-extensible BODYSTRUCTURE. */
  | 'BODY'
  | 'UID'
  | 'MODSEQ'
  | 'RFC822'
  | 'RFC822.HEADER'
  | 'RFC822.TEXT'
  /** RFC 8970: the message's snippet; `PREVIEW (LAZY)` reads as the same (the snippet is always at hand). */
  | 'PREVIEW';

/** Macros (ALL, FAST, FULL) are expanded by the parser into these. */
export type FetchAttribute =
  | { kind: SimpleFetchAttribute }
  | { kind: 'BODY[]'; section: Section; peek: boolean; partial: Partial | null }
  /** RFC 3516: a part (by its numbers; [] is the whole message) with its transfer encoding undone. */
  | { kind: 'BINARY[]'; part: number[]; peek: boolean; partial: Partial | null }
  | { kind: 'BINARY.SIZE'; part: number[] };

export type FlagSearch = 'ANSWERED' | 'DELETED' | 'DRAFT' | 'FLAGGED' | 'SEEN';

/** A parsed SEARCH criterion. FROM/TO/CC/BCC/SUBJECT are header searches; dates are UTC midnight of the day given. */
export type SearchKey =
  | { kind: 'all' }
  | { kind: 'flag'; flag: FlagSearch; set: boolean }
  | { kind: 'keyword'; keyword: string; set: boolean }
  | { kind: 'new' }
  | { kind: 'old' }
  | { kind: 'recent' }
  | { kind: 'header'; field: string; value: string }
  | { kind: 'body'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'date'; which: 'internal' | 'sent'; op: 'before' | 'on' | 'since'; date: Date }
  | { kind: 'size'; op: 'larger' | 'smaller'; size: number }
  /** RFC 5032 WITHIN: the internal date at least (older) or less than (younger) this many seconds ago. */
  | { kind: 'age'; op: 'older' | 'younger'; seconds: number }
  | { kind: 'seq'; set: MessageSet }
  | { kind: 'uid'; set: MessageSet }
  | { kind: 'modseq'; modseq: number }
  | { kind: 'not'; key: SearchKey }
  | { kind: 'or'; left: SearchKey; right: SearchKey }
  | { kind: 'and'; keys: SearchKey[] };

/**
 * A value in a response, as the encoder writes it:
 * null -> NIL; number/bigint -> number; string -> quoted string, or a literal when it cannot be
 * quoted (CR, LF, NUL, 8-bit, long); Buffer -> always a literal; { literal8 } -> `~{n}` (RFC 3516),
 * which may carry NUL; { atom } -> written as is (flags,
 * keywords, item names such as `BODY[HEADER]<0>`); array -> parenthesised list, items separated by
 * one space; { joined } -> its items back to back with no space and no parentheses, as RFC 3501 writes
 * the parts of a multipart (`1*body`) and the addresses of a list (`1*address`): `((a)(b))`.
 */
export type ImapValue = null | number | bigint | string | Buffer | { literal8: Buffer } | { atom: string } | { joined: ImapValue[] } | ImapValue[];

export const atom = (value: string): { atom: string } => ({ atom: value });

export const joined = (values: ImapValue[]): { joined: ImapValue[] } => ({ joined: values });

/** What a SEARCH key needs beyond the message itself. */
export interface SearchContext {
  /** The message's sequence number in the session's view. */
  seq: number;
  /** The highest sequence number and UID in the view, for `*`. */
  maxSeq: number;
  maxUid: number;
  /** Whether the message is \Recent in this session. */
  isRecent(id: number): boolean;
  /** The ids `$` names (RFC 5182). */
  saved: ReadonlySet<number>;
}
