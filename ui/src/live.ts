// The WebSocket event stream with reconnect: backoff doubles from 500 ms to 10 s and resets once a
// connection opens. Every open (the first too) calls onOpen, because events missed while closed are
// gone and the list has to be reloaded.
import type { LiveEvent, LiveRequest } from '../../server/types.ts';
import { API } from './api.ts';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  onOpen(): void;
  onStatus(status: LiveStatus): void;
}

/** Live changes to a list wait this long to be written together: a stream of mail renders 20 times a second, not once a message. */
export const LIVE_FRAME_MS = 50;

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

let current: WebSocket | null = null;

/** Asks the server for something on the open stream (following a session); dropped while reconnecting, so onOpen asks again. */
export function sendLive(request: LiveRequest): void {
  if (current?.readyState === WebSocket.OPEN) current.send(JSON.stringify(request));
}

export function connectLive(handlers: LiveHandlers): () => void {
  let socket: WebSocket | null = null;
  let delay = FIRST_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const connect = () => {
    handlers.onStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = current = new WebSocket(`${scheme}://${location.host}${API}/events`);
    socket.onopen = () => {
      delay = FIRST_DELAY_MS;
      handlers.onStatus('open');
      handlers.onOpen();
    };
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as LiveEvent;
      if (event.v === 1) handlers.onEvent(event);
    };
    socket.onclose = () => {
      socket = current = null;
      if (stopped) return;
      handlers.onStatus('closed');
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}
