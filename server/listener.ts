import type { Server, Socket } from 'node:net';
import type { ListenerInfo } from './types.ts';

/** A protocol server bound to a port: what app.ts starts and closes. */
export interface RunningListener extends ListenerInfo {
  close(): Promise<void>;
}

export function listen(server: Server, port: number, host: string): Promise<ListenerInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('listener has no port'));
      resolve({ host, port: address.port });
    });
  });
}

export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** How long a turned-away connection may take to read its one line before it is cut. */
const REFUSAL_GRACE_MS = 1_000;

/**
 * Turns a connection past the cap away with one line, then closes it, even if the peer never
 * hangs up: a half-open socket would otherwise live on, and keep server.close() from finishing.
 */
export function refuseConnection(socket: Socket, line: string | Buffer): void {
  socket.on('error', () => socket.destroy());
  socket.end(line);
  setTimeout(() => socket.destroy(), REFUSAL_GRACE_MS).unref();
}

/** Stops accepting, and tells every open session that the server is going (each says goodbye and hangs up). */
export function closeServer(server: Server, sessions: Iterable<{ shutdown(): void }>): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const session of sessions) session.shutdown();
  });
}
