// All UI state, as signals, in one place. Modules next to this one change it; components read it.
import { signal } from '@preact/signals';
import type { FolderInfo, HealthInfo, MailboxInfo, MessageDetail, MessageHistoryEntry, MessageSummary, SessionDetail, SessionProtocol, SessionSummary, TagInfo } from '../../server/types.ts';
import type { ListFilter } from './api.ts';
import type { LiveStatus } from './live.ts';

export type MessageTab = 'html' | 'text' | 'headers' | 'source';

export const filter = signal<ListFilter>({ folder: '', mailbox: '', tag: '', q: '', unreadOnly: false });

/** The filtered list, newest first, one slot per message; a hole is a row whose page is not loaded yet. */
export const rows = signal<Array<MessageSummary | undefined>>([]);
/** Unread messages in the filtered list, as the server counted them. */
export const unread = signal(0);
export const listLoaded = signal(false);

export const folders = signal<FolderInfo[]>([]);
export const mailboxes = signal<MailboxInfo[]>([]);
export const tags = signal<TagInfo[]>([]);
export const health = signal<HealthInfo | null>(null);
export const liveStatus = signal<LiveStatus>('connecting');

/** The keyboard cursor in the list (a row index); marked only once the keyboard has been used. */
export const cursor = signal(0);
export const keyboardUsed = signal(false);
/** Bumped when the keyboard moves the cursor, so the list scrolls to it (and only then). */
export const revealCursor = signal(0);
export const openId = signal<number | null>(null);
export const detail = signal<MessageDetail | null>(null);
/** Set when the open message was deleted or moved away while being read. */
export const openGone = signal(false);
export const tab = signal<MessageTab>('html');
/** The message whose HTML may load remote images; only ever the open one. */
export const remoteImagesFor = signal<number | null>(null);

/** Which page shows: the mail, or the recorded SMTP/IMAP/POP3 sessions. */
export const view = signal<'mail' | 'sessions'>('mail');
/** Session summaries, newest first (the first page; live events keep it current). */
export const sessionList = signal<SessionSummary[]>([]);
/** The server holds older sessions that match the filter than the list shows. */
export const olderSessions = signal(false);
export const openSessionId = signal<number | null>(null);
/** The Sessions list shows one protocol, or all when null. */
export const sessionProtocol = signal<SessionProtocol | null>(null);
/** The Sessions list shows one login's sessions (compared case-insensitively), or all when empty. */
export const sessionLogin = signal('');
/** The open session with its transcript; lines are appended live while it runs. */
export const sessionDetail = signal<SessionDetail | null>(null);
/** The open message's history, oldest first. */
export const history = signal<MessageHistoryEntry[]>([]);

export const connectionPanelOpen = signal(false);
export const faultsPanelOpen = signal(false);
export const notice = signal<{ text: string; error: boolean } | null>(null);
/** Ticks every 30 s so relative times stay fresh. */
export const now = signal(Date.now());
