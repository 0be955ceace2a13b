import type { Server } from 'node:net';
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
