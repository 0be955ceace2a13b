// Every recorded session, oldest first, bounded by --max-sessions (the oldest is dropped, and its
// part of every message's history with it). Emits started/updated/ended with summaries (updated at
// most every UPDATE_MS per session), dropped with the id of one it let go, and, to whoever watches
// one session, its lines as they come.
import { Emitter } from '../store/events.ts';
import { SessionRecord, type Action, type Line, type RecordHooks } from './record.ts';
import { NO_RECORDER, type SessionRecorder } from './recorder.ts';
import type { MessageHistoryEntry, SessionProtocol, SessionSummary } from './types.ts';

export type SessionLogMode = 'off' | 'actions' | 'full';

export interface SessionLimits {
  mode: SessionLogMode;
  maxSessions: number;
  /** Bytes of transcript kept per session. */
  maxTranscript: number;
}

export type SessionEvent =
  | { type: 'session.started'; session: SessionSummary }
  | { type: 'session.updated'; session: SessionSummary }
  | { type: 'session.ended'; session: SessionSummary }
  | { type: 'session.dropped'; id: number };

export interface SessionQuery {
  protocol?: SessionProtocol;
  login?: string;
  limit: number;
  offset: number;
}

/** session.updated goes out at most this often per session. */
export const UPDATE_MS = 250;

/**
 * Actions kept in all, per session allowed by --max-sessions. A few long SMTP connections each
 * delivering thousands of messages stay under --max-sessions, yet each action holds a few hundred
 * bytes: past this total the oldest sessions go too, so memory plateaus however the mail arrives.
 */
export const ACTIONS_PER_SESSION = 20;

export class SessionRegistry {
  readonly #limits: SessionLimits;
  readonly #records = new Map<number, SessionRecord>();
  readonly #events = new Emitter<SessionEvent>();
  readonly #watchers = new Map<number, Set<(line: Line) => void>>();
  readonly #dirty = new Set<SessionRecord>();
  #timer: NodeJS.Timeout | null = null;
  #nextId = 1;
  #nextSeq = 0;
  #listeners = 0;
  #keptActions = 0;
  readonly #hooks: RecordHooks;

  constructor(limits: SessionLimits) {
    this.#limits = limits;
    this.#hooks = {
      keepLines: limits.mode === 'full',
      maxTranscript: limits.maxTranscript,
      changed: (record) => this.#changed(record),
      kept: (record) => {
        const watchers = this.#watchers.get(record.id);
        if (!watchers) return;
        for (const line of record.newestLines()) for (const watch of watchers) watch(line);
      },
      nextSeq: () => this.#nextSeq++,
      acted: (record) => {
        this.#keptActions++;
        while (this.#keptActions > this.#limits.maxSessions * ACTIONS_PER_SESSION && this.#oldest() !== record) this.#dropOldest();
      },
      ended: (record) => {
        this.#dirty.delete(record);
        if (this.#listeners) this.#events.emit({ type: 'session.ended', session: record.summary() });
      },
    };
  }

  get mode(): SessionLogMode {
    return this.#limits.mode;
  }

  open(protocol: SessionProtocol, clientAddress: string | undefined, clientPort: number | undefined, tls: boolean): SessionRecorder {
    if (this.#limits.mode === 'off') return NO_RECORDER;
    const record = new SessionRecord(this.#nextId++, protocol, clientAddress ?? '', clientPort ?? 0, tls, this.#hooks);
    this.#records.set(record.id, record);
    while (this.#records.size > this.#limits.maxSessions) this.#dropOldest();
    if (this.#listeners) this.#events.emit({ type: 'session.started', session: record.summary() });
    return record;
  }

  get(id: number): SessionRecord | undefined {
    return this.#records.get(id);
  }

  get size(): number {
    return this.#records.size;
  }

  /** Summaries, newest first, with the count of all that match. */
  list(query: SessionQuery): { total: number; sessions: SessionSummary[] } {
    const login = query.login?.toLowerCase();
    const matching: SessionRecord[] = [];
    for (const record of this.#records.values()) {
      if (query.protocol && record.protocol !== query.protocol) continue;
      if (login !== undefined && record.login?.toLowerCase() !== login) continue;
      matching.push(record);
    }
    matching.reverse();
    return { total: matching.length, sessions: matching.slice(query.offset, query.offset + query.limit).map((r) => r.summary()) };
  }

  /**
   * What kept sessions did to the message, oldest first. Found by reading the kept actions (at most
   * ACTIONS_PER_SESSION x --max-sessions) when asked, rather than indexed as each comes: an index
   * entry per message cost SMTP ingest more than the whole history read costs.
   */
  history(messageId: number): MessageHistoryEntry[] {
    const found: Array<{ action: Action; session: SessionRecord }> = [];
    for (const session of this.#records.values()) {
      for (const action of session.actions) if (action.messageIds.includes(messageId)) found.push({ action, session });
    }
    found.sort((a, b) => a.action.seq - b.action.seq);
    return found.map(({ action: { at, text }, session }) => ({
      at: new Date(at).toISOString(),
      text,
      sessionId: session.id,
      protocol: session.protocol,
      clientAddress: session.clientAddress,
      clientPort: session.clientPort,
      login: session.login,
      clientName: session.clientName,
    }));
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.#listeners++;
    const unsubscribe = this.#events.subscribe(listener);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#listeners--;
      unsubscribe();
    };
  }

  /** Calls `onLine` with each new line of the session; false if no such session is kept. */
  watch(id: number, onLine: (line: Line) => void): (() => void) | null {
    if (!this.#records.has(id)) return null;
    let watchers = this.#watchers.get(id);
    if (!watchers) this.#watchers.set(id, (watchers = new Set()));
    watchers.add(onLine);
    return () => {
      watchers.delete(onLine);
      if (!watchers.size) this.#watchers.delete(id);
    };
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#dirty.clear();
  }

  #changed(record: SessionRecord): void {
    if (!this.#listeners || record.ended !== null) return;
    this.#dirty.add(record);
    this.#timer ??= setTimeout(() => this.#flush(), UPDATE_MS).unref();
  }

  #flush(): void {
    this.#timer = null;
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    for (const record of dirty) if (this.#records.has(record.id)) this.#events.emit({ type: 'session.updated', session: record.summary() });
  }

  #oldest(): SessionRecord | undefined {
    return this.#records.values().next().value;
  }

  #dropOldest(): void {
    const oldest = this.#oldest();
    if (!oldest) return;
    this.#keptActions -= oldest.actions.length;
    this.#records.delete(oldest.id);
    oldest.dropped = true;
    this.#watchers.delete(oldest.id);
    this.#dirty.delete(oldest);
    if (this.#listeners) this.#events.emit({ type: 'session.dropped', id: oldest.id });
  }
}
