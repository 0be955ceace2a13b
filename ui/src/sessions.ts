// The Sessions page's data: the first page of summaries that match the filter (protocol, login),
// kept current by session.* frames, and the open session's transcript, loaded once and then
// followed line by line over the event stream, each line joined on its place in the transcript.
import type { LiveEvent, SessionDetail, SessionSummary, TranscriptLine } from '../../server/types.ts';
import { getHistory, getSession, listSessions, type SessionFilter } from './api.ts';
import { LIVE_FRAME_MS, sendLive } from './live.ts';
import { notify } from './notice.ts';
import { quietTimer } from './quiet-timer.ts';
import { history, olderSessions, openId, openSessionId, sessionDetail, sessionList, sessionLogin, sessionProtocol, view } from './state.ts';

const PAGE = 200;
/** The open message's history is fetched again once sessions go quiet, and at least this often while they do not. */
const HISTORY_QUIET_MS = 100;
const HISTORY_MAX_WAIT_MS = 1000;

export type SessionFrame = Extract<LiveEvent, { type: `session.${string}` }>;

export const isSessionFrame = (event: LiveEvent): event is SessionFrame => event.type.startsWith('session.');

export const sessionFilter = (): SessionFilter => ({ protocol: sessionProtocol.value, login: sessionLogin.value.trim() });

/** The same test as the API's ?protocol=&login=, for summaries that arrive live. */
function matches(summary: SessionSummary, { protocol, login }: SessionFilter): boolean {
  if (protocol && summary.protocol !== protocol) return false;
  return !login || summary.login?.toLowerCase() === login.toLowerCase();
}

let reloads = 0;
/**
 * The session list as live frames have changed it, written to `sessionList` once per LIVE_FRAME_MS:
 * an app that sends mail starts and ends many sessions a second, and each write renders the list.
 */
let pendingList: SessionSummary[] | null = null;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

function sessions(): SessionSummary[] {
  return pendingList ?? sessionList.value;
}

function setSessions(list: SessionSummary[]): void {
  pendingList = list;
  pendingTimer ??= setTimeout(writeSessions, LIVE_FRAME_MS);
}

function writeSessions(): void {
  clearTimeout(pendingTimer);
  pendingTimer = undefined;
  if (pendingList) sessionList.value = pendingList;
  pendingList = null;
}
/** Action counts of running sessions as last heard, to tell which updates did something. */
const actionCounts = new Map<number, number>();

export async function reloadSessions(): Promise<void> {
  const filter = sessionFilter();
  const reload = ++reloads;
  const page = await listSessions(filter, PAGE).catch(() => null);
  // A filter changed meanwhile: a newer reload is on its way.
  if (!page || reload !== reloads) return;
  pendingList = null; // frames applied to the list as it was; the answer is the list now
  sessionList.value = page.sessions;
  olderSessions.value = page.total > page.sessions.length;
}

/** The next page of older sessions. The list holds the newest so far, so its length is the offset; one that came live meanwhile may come twice, and is kept once. */
export async function loadOlderSessions(): Promise<void> {
  writeSessions();
  const reload = reloads;
  const shown = sessionList.value;
  const page = await listSessions(sessionFilter(), PAGE, shown.length).catch(() => null);
  if (!page || reload !== reloads) return;
  writeSessions();
  const ids = new Set(sessionList.value.map((s) => s.id));
  sessionList.value = [...sessionList.value, ...page.sessions.filter((s) => !ids.has(s.id))];
  olderSessions.value = page.total > shown.length + page.sessions.length;
}

/**
 * Lines that came live while the open session's transcript was being fetched. The fetch may answer
 * with or without them, so they are kept until it does, and joined on their place `n`.
 */
let arriving: { id: number; lines: TranscriptLine[] } | null = null;

/** The detail with the live lines it lacks, none twice. */
function withLines(detail: SessionDetail, lines: readonly TranscriptLine[]): SessionDetail {
  const missing = lines.filter((line) => line.n >= detail.transcript.length);
  return missing.length ? { ...detail, transcript: [...detail.transcript, ...missing] } : detail;
}

/** Watches the session, then fetches its transcript; lines in between are neither lost nor doubled. */
async function fetchWatched(id: number): Promise<SessionDetail | null> {
  arriving = { id, lines: [] };
  sendLive({ type: 'session.watch', id });
  const detail = await getSession(id).catch(() => null);
  const lines = arriving?.id === id ? arriving.lines : [];
  if (arriving?.id === id) arriving = null;
  return detail && withLines(detail, lines);
}

export function applySessionFrame(frame: SessionFrame): void {
  if (frame.type === 'session.line') {
    const { sessionId, line } = frame.data;
    if (arriving?.id === sessionId) arriving.lines.push(line);
    const open = sessionDetail.value;
    if (open && open.id === sessionId) sessionDetail.value = withLines(open, [line]);
    return;
  }
  if (frame.type === 'session.dropped') return dropSession(frame.data.id);
  const summary = frame.data;
  const acted = summary.actionCount !== (actionCounts.get(summary.id) ?? 0);
  if (frame.type === 'session.ended') actionCounts.delete(summary.id);
  else actionCounts.set(summary.id, summary.actionCount);
  placeSummary(summary);
  const open = sessionDetail.value;
  if (open?.id === summary.id) {
    sessionDetail.value = { ...open, ...summary };
    if (frame.type === 'session.ended') void refreshOpenSession();
    // A client that stays connected (an IMAP client in IDLE) acts for hours: show its actions as they come.
    else if (acted) void refreshOpenActions(summary.id);
  }
  // A session that did something may have touched the open message, while it runs or as it ends.
  if ((acted || frame.type === 'session.ended') && openId.value !== null) historyRefresh.schedule();
}


/** The open session's actions again; its lines keep coming over the event stream. */
async function refreshOpenActions(id: number): Promise<void> {
  const detail = await getSession(id).catch(() => null);
  const open = sessionDetail.value;
  if (detail && open?.id === id) sessionDetail.value = { ...open, actions: detail.actions, actionCount: detail.actionCount };
}

/** Puts a summary in its place (newest first), or takes it out when it does not match the filter. */
function placeSummary(summary: SessionSummary): void {
  const list = sessions();
  const at = list.findIndex((s) => s.id === summary.id);
  if (!matches(summary, sessionFilter())) {
    if (at >= 0) setSessions(list.filter((s) => s.id !== summary.id));
    return;
  }
  if (at >= 0) {
    setSessions(list.map((s, i) => (i === at ? summary : s)));
    return;
  }
  // A session may match only once it has logged in, after newer ones started.
  const before = list.findIndex((s) => s.id < summary.id);
  const next = [...list];
  next.splice(before < 0 ? list.length : before, 0, summary);
  // The list keeps what was loaded; only the first page is cut back, its end being on the server.
  const kept = list.length > PAGE ? next : next.slice(0, PAGE);
  setSessions(kept);
  if (next.length > kept.length) olderSessions.value = true;
}

export async function openSession(id: number): Promise<void> {
  view.value = 'sessions';
  openSessionId.value = id;
  sessionDetail.value = null;
  const detail = await fetchWatched(id);
  if (openSessionId.value !== id) return;
  sessionDetail.value = detail;
  if (detail) return;
  // Dropped before the page heard of it (while the event stream was down, say).
  dropSession(id);
  openSessionId.value = null;
}

/** The registry let a session go: it leaves the list; an open view of it keeps what it shows, and says so. */
function dropSession(id: number): void {
  actionCounts.delete(id);
  setSessions(sessions().filter((s) => s.id !== id));
  if (openSessionId.value === id) notify(`Session #${id} is no longer kept: past --max-sessions the oldest are dropped`, true);
}

/** After a reconnect (or the session's end): the whole transcript again, and follow it anew. */
export async function refreshOpenSession(): Promise<void> {
  const id = openSessionId.value;
  if (id === null) return;
  const detail = await fetchWatched(id);
  if (openSessionId.value === id && detail) sessionDetail.value = detail;
}

/** Sessions that act or end may have touched the open message: one request for a burst of them. */
const historyRefresh = quietTimer(HISTORY_QUIET_MS, HISTORY_MAX_WAIT_MS, () => {
  if (openId.value !== null) void loadHistory(openId.value);
});

export async function loadHistory(messageId: number): Promise<void> {
  const entries = await getHistory(messageId).catch(() => []);
  if (openId.value === messageId) history.value = entries;
}
