// Shapes shared by the server's HTTP/WebSocket layer and the UI. Only plain JSON data lives here.
// The domain types live with their modules (in files that import nothing) and are re-exported here.
import type { Address } from './mail/address-list.ts';
import type { AttachmentInfo } from './mail/attachment-info.ts';
import type { SmtpEnvelope } from './store/envelope.ts';
import type { SessionSummary, TranscriptLine } from './sessions/types.ts';
import type { DeleteReason } from './store/events.ts';

export type { Address, AttachmentInfo, DeleteReason, SmtpEnvelope };
export type * from './sessions/types.ts';

/** A summary carries at most this many addresses in each of to, cc and envelope.rcptTo; the detail has them all. */
export const SUMMARY_ADDRESSES = 20;

export interface MessageSummary {
  /** The store's id: the REST id, and the POP3 UIDL. */
  id: number;
  folder: string;
  /** The IMAP UID in that folder: UIDs count per folder, so it differs from the id once mail sits in more than one. */
  uid: number;
  from: Address | null;
  /** The first SUMMARY_ADDRESSES of the To header (all of them in a MessageDetail). */
  to: Address[];
  cc: Address[];
  /** How many addresses there are in all, however many the lists above carry. */
  recipientCounts: { to: number; cc: number; rcptTo: number };
  subject: string;
  /** The first characters of the text body (HTML reduced to text); empty when there is none. */
  snippet: string;
  /** The Date header as ISO 8601, or the received time when the header is missing or bad. */
  date: string;
  receivedAt: string;
  size: number;
  hasAttachments: boolean;
  seen: boolean;
  flagged: boolean;
  /** IMAP flags and keywords, e.g. "\\Seen", "\\Flagged", "$Label1". */
  flags: string[];
  /** The keywords among the flags: what Mailpit and the UI call tags. */
  tags: string[];
  /** rcptTo holds the first SUMMARY_ADDRESSES (all of them in a MessageDetail). */
  envelope: SmtpEnvelope;
}

export interface MessageDetail extends MessageSummary {
  messageId: string | null;
  replyTo: Address[];
  bcc: Address[];
  /** Every header line in the order it was received, unfolded, value not decoded. */
  headers: Array<[name: string, value: string]>;
  text: string | null;
  /** The HTML body as sent (untrusted); render only through /html in a sandboxed iframe. */
  html: string | null;
  attachments: AttachmentInfo[];
  parseErrors: string[];
}

export interface MessageList {
  total: number;
  unread: number;
  /**
   * The newest id given out when the list was taken: it counts the mail of every message.added
   * event up to that id, and none after, so a client applying live events knows which it holds.
   */
  newestId: number;
  messages: MessageSummary[];
}

export interface MailboxInfo {
  address: string;
  total: number;
  unread: number;
}

export interface TagInfo {
  name: string;
  total: number;
  unread: number;
}

export interface FolderInfo {
  name: string;
  specialUse: string | null;
  total: number;
  unread: number;
}

export interface ListenerInfo {
  host: string;
  port: number;
}

export interface HealthInfo {
  status: 'ok';
  version: string;
  messages: number;
  bytes: number;
  maxMessages: number;
  maxBytes: number;
  smtp: ListenerInfo | null;
  imap: ListenerInfo | null;
  pop3: ListenerInfo | null;
  /** How logins map to mailboxes, shown in the UI's connection panel. */
  loginRule: string;
  authRequired: boolean;
  /** host:port where released mail goes (--relay), or null: the UI offers "Release…" only with one. */
  relay: string | null;
  /** What --session-log records, so the UI can say why a session has no transcript. */
  sessionLog: 'off' | 'actions' | 'full';
}

/** One frame on the WebSocket /api/v1/events. Bodies never travel here. */
export type LiveEvent =
  | { v: 1; type: 'message.added'; data: MessageSummary }
  | { v: 1; type: 'message.updated'; data: MessageSummary }
  | { v: 1; type: 'message.deleted'; data: { ids: number[]; reason: DeleteReason } }
  | { v: 1; type: 'message.evicted'; data: { ids: number[] } }
  | { v: 1; type: 'store.cleared'; data: Record<string, never> }
  | { v: 1; type: 'folder.changed'; data: { folders: string[] } }
  /** Sessions: summaries only; updated is throttled (at most every 250 ms per session). */
  | { v: 1; type: 'session.started' | 'session.updated' | 'session.ended'; data: SessionSummary }
  /** The registry let the session go, past --max-sessions (or the kept-actions bound): it is no longer listed. */
  | { v: 1; type: 'session.dropped'; data: { id: number } }
  /** Only to a client that asked with a LiveRequest `session.watch`: the watched session's new lines. */
  | { v: 1; type: 'session.line'; data: { sessionId: number; line: TranscriptLine } };

/** What a client may send on /api/v1/events: follow one session's transcript live, or stop. */
export type LiveRequest = { type: 'session.watch'; id: number } | { type: 'session.unwatch' };

export interface ApiError {
  error: { code: string; message: string };
}

export type { FaultsSnapshot, FaultRuleState, FaultFiring } from './faults/index.ts';
export type { ReleaseResult } from './relay/relay.ts';
