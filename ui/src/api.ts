// The REST API at /api/v1, typed with the server's own shapes. A failed request throws an Error with
// the server's own message, so the UI can show it as is.
import type {
  ApiError,
  FaultsSnapshot,
  FolderInfo,
  HealthInfo,
  MailboxInfo,
  MessageDetail,
  MessageHistoryEntry,
  MessageList,
  ReleaseResult,
  SessionDetail,
  SessionProtocol,
  SessionSummary,
  TagInfo,
} from '../../server/types.ts';

export const API = '/api/v1';

export interface ListFilter {
  folder: string;
  mailbox: string;
  /** A tag chosen in the sidebar; sent as a tag: term of the search. */
  tag: string;
  /** The search box: the search language of server/search (words, from:, tag:, is:unread, ...). */
  q: string;
  unreadOnly: boolean;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(API + path, init);
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new Error(body?.error.message ?? `${response.status} ${response.statusText}`);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
}

function sendJson(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

export function listMessages(filter: ListFilter, offset: number, limit: number): Promise<MessageList> {
  const params = new URLSearchParams({ offset: String(offset), limit: String(limit) });
  if (filter.folder) params.set('folder', filter.folder);
  if (filter.mailbox) params.set('mailbox', filter.mailbox);
  const q = [filter.q, filter.tag && `tag:"${filter.tag}"`].filter(Boolean).join(' ');
  if (q) params.set('q', q);
  if (filter.unreadOnly) params.set('unread', 'true');
  return request(`/messages?${params}`);
}

export const getMessage = (id: number) => request<MessageDetail>(`/messages/${id}`);
export const getSource = (id: number) => request<string>(`/messages/${id}/raw`);
export const patchMessage = (id: number, change: { seen?: boolean; flagged?: boolean; tags?: string[] }) =>
  request<MessageDetail>(`/messages/${id}`, sendJson('PATCH', change));
export const deleteMessage = (id: number) => request<void>(`/messages/${id}`, { method: 'DELETE' });
export const deleteAllMessages = () => request<void>('/messages', { method: 'DELETE' });
export const getFolders = () => request<FolderInfo[]>('/folders');
export const getMailboxes = () => request<MailboxInfo[]>('/mailboxes');
export const getTags = () => request<TagInfo[]>('/tags');
export const getHealth = () => request<HealthInfo>('/health');
export interface SessionFilter {
  protocol: SessionProtocol | null;
  /** Empty: every login. */
  login: string;
}

export function listSessions(filter: SessionFilter, limit: number, offset = 0): Promise<{ total: number; sessions: SessionSummary[] }> {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (filter.protocol) params.set('protocol', filter.protocol);
  if (filter.login) params.set('login', filter.login);
  return request(`/sessions?${params}`);
}
export const getSession = (id: number) => request<SessionDetail>(`/sessions/${id}`);
export const getHistory = (id: number) => request<MessageHistoryEntry[]>(`/messages/${id}/history`);
export const getFaults = () => request<FaultsSnapshot>('/faults');
export const addFaults = (rules: string[]) => request<FaultsSnapshot>('/faults', sendJson('POST', { rules }));
export const clearFaults = () => request<void>('/faults', { method: 'DELETE' });
export const releaseMessage = (id: number, to: string[]) => request<ReleaseResult>(`/messages/${id}/release`, sendJson('POST', { to }));

export const messageUrl = (id: number) => `${API}/messages/${id}`;
export const rawUrl = (id: number, download = false) => `${messageUrl(id)}/raw${download ? '?download=1' : ''}`;
export const htmlUrl = (id: number, remote: boolean) => `${messageUrl(id)}/html${remote ? '?remote=1' : ''}`;
export const attachmentUrl = (id: number, partId: string, download = false) =>
  `${messageUrl(id)}/attachments/${encodeURIComponent(partId)}${download ? '?download=1' : ''}`;
