// WebSocket /api/v1/events: every store change as { v: 1, type, data }, summaries and ids only.
// Each event is serialized once for all clients; a client that stops reading is cut off once its
// unsent buffer passes a limit, so a stalled browser tab cannot grow server memory.
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import type { MessageStore, StoreEvent } from '../store/index.ts';
import { lineJson, type SessionRegistry } from '../sessions/index.ts';
import type { LiveEvent, LiveRequest } from '../types.ts';
import { toSummary } from './present.ts';

export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function toLiveEvent(event: StoreEvent): LiveEvent {
  switch (event.type) {
    case 'message.added':
    case 'message.updated':
      return { v: 1, type: event.type, data: toSummary(event.message) };
    case 'message.released':
      // For the UI, an owner leaving is a change to the message (its mailboxes).
      return { v: 1, type: 'message.updated', data: toSummary(event.message) };
    case 'message.deleted':
      return { v: 1, type: event.type, data: { ids: event.messages.map((m) => m.id), reason: event.reason } };
    case 'message.evicted':
      return { v: 1, type: event.type, data: { ids: event.messages.map((m) => m.id) } };
    case 'store.cleared':
      return { v: 1, type: event.type, data: {} };
    case 'folder.changed':
      return { v: 1, type: event.type, data: { folders: event.folders } };
  }
}

/** Turns a store event into frames; it may also send later (a throttled summary, say). */
export interface FrameSource {
  handle(event: StoreEvent, send: (frame: string) => void): void;
  close?(): void;
}

const nativeFrames: FrameSource = { handle: (event, send) => send(JSON.stringify(toLiveEvent(event))) };

export class EventHub {
  readonly #clients = new Set<WebSocket>();
  readonly #unsubscribe: () => void;
  readonly #send = (frame: string) => this.#broadcast(frame);
  #sessions: SessionRegistry | null = null;
  /** Subscribed while some client is connected, so sessions cost no summaries when nobody looks. */
  #unsubscribeSessions: (() => void) | null = null;
  /** Each client that follows one session's lines, and how to stop. */
  readonly #watching = new Map<WebSocket, () => void>();

  constructor(
    store: MessageStore,
    private readonly log: Logger,
    private readonly frames: FrameSource = nativeFrames,
  ) {
    // With nobody listening, an event costs nothing: no summary is built, so no header is read at ingest.
    this.#unsubscribe = store.subscribe((event) => {
      if (this.#clients.size) this.frames.handle(event, this.#send);
    });
  }

  route() {
    return upgradeWebSocket(() => ({
      onOpen: (_event, ws) => {
        if (!ws.raw) return;
        this.#clients.add(ws.raw as WebSocket);
        this.#followSessions();
      },
      onMessage: (event, ws) => {
        if (ws.raw && typeof event.data === 'string') this.#request(ws.raw as WebSocket, event.data);
      },
      onClose: (_event, ws) => {
        if (ws.raw) this.#forget(ws.raw as WebSocket);
      },
    }));
  }

  /** Adds session.started/updated/ended frames, and lets a client follow one session's lines (LiveRequest). */
  relaySessions(sessions: SessionRegistry): void {
    this.#sessions = sessions;
    this.#followSessions();
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  close(): void {
    this.#unsubscribe();
    this.#unsubscribeSessions?.();
    for (const stop of this.#watching.values()) stop();
    this.#watching.clear();
    this.frames.close?.();
    for (const client of this.#clients) client.terminate();
    this.#clients.clear();
  }

  #broadcast(frame: string): void {
    const size = Buffer.byteLength(frame);
    for (const client of this.#clients) this.#sendTo(client, frame, size);
  }

  #sendTo(client: WebSocket, frame: string, size = Buffer.byteLength(frame)): void {
    if (client.readyState !== client.OPEN) return;
    // Checked before the frame is queued, with it counted: the bound holds, not the bound plus a frame.
    if (client.bufferedAmount + size > MAX_BUFFERED_BYTES) {
      this.log.warn('closing a WebSocket client that stopped reading', { buffered: client.bufferedAmount });
      this.#forget(client);
      client.terminate();
      return;
    }
    client.send(frame);
  }

  #forget(client: WebSocket): void {
    this.#clients.delete(client);
    this.#watching.get(client)?.();
    this.#watching.delete(client);
    if (!this.#clients.size && this.#unsubscribeSessions) {
      this.#unsubscribeSessions();
      this.#unsubscribeSessions = null;
    }
  }

  #followSessions(): void {
    if (!this.#sessions || this.#unsubscribeSessions || !this.#clients.size) return;
    this.#unsubscribeSessions = this.#sessions.subscribe((event) => {
      const frame: LiveEvent = event.type === 'session.dropped' ? { v: 1, type: event.type, data: { id: event.id } } : { v: 1, type: event.type, data: event.session };
      this.#broadcast(JSON.stringify(frame));
    });
  }

  #request(client: WebSocket, text: string): void {
    let request: LiveRequest;
    try {
      request = JSON.parse(text) as LiveRequest;
    } catch {
      return;
    }
    this.#watching.get(client)?.();
    this.#watching.delete(client);
    if (request?.type !== 'session.watch' || !this.#sessions) return;
    const sessionId = Number(request.id);
    const stop = this.#sessions.watch(sessionId, (line) => {
      const frame: LiveEvent = { v: 1, type: 'session.line', data: { sessionId, line: lineJson(line) } };
      this.#sendTo(client, JSON.stringify(frame));
    });
    if (stop) this.#watching.set(client, stop);
  }
}
