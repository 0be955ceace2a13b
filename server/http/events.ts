// WebSocket /api/v1/events: every store change as { v: 1, type, data }, summaries and ids only.
// Each event is serialized once for all clients; a client that stops reading is cut off once its
// unsent buffer passes a limit, so a stalled browser tab cannot grow server memory.
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import type { MessageStore, StoreEvent } from '../store/index.ts';
import type { LiveEvent } from '../types.ts';
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
        if (ws.raw) this.#clients.add(ws.raw as WebSocket);
      },
      onClose: (_event, ws) => {
        if (ws.raw) this.#clients.delete(ws.raw as WebSocket);
      },
    }));
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  close(): void {
    this.#unsubscribe();
    this.frames.close?.();
    for (const client of this.#clients) client.terminate();
    this.#clients.clear();
  }

  #broadcast(frame: string): void {
    const size = Buffer.byteLength(frame);
    for (const client of this.#clients) {
      if (client.readyState !== client.OPEN) continue;
      // Checked before the frame is queued, with it counted: the bound holds, not the bound plus a frame.
      if (client.bufferedAmount + size > MAX_BUFFERED_BYTES) {
        this.log.warn('closing a WebSocket client that stopped reading', { buffered: client.bufferedAmount });
        this.#clients.delete(client);
        client.terminate();
        continue;
      }
      client.send(frame);
    }
  }
}
