// smtp-server waits a hard-coded 100 ms before every 220 greeting to catch spammers that talk early.
// A local sandbox has none, and the wait caps apps that connect once per message near 10 msgs/s.
// This is the one place that changes it: the connection's init() is replaced by one that reads
// the delay from the server's own `greetingDelayMs` option (stock 100 ms when a server sets none),
// keeping the library's connection-limit check. smtp-server is pinned exactly because of this.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

const STOCK_DELAY_MS = 100;

interface ConnectionInternals {
  _server: { options: { maxClients?: number; greetingDelayMs?: number }; connections: Set<unknown> };
  _setListeners(callback: () => void): void;
  send(code: number, message: string, log?: boolean): void;
  connectionReady(next?: () => void): void;
  name: string;
}

let installed = false;

export function installGreetingDelayOption(): void {
  if (installed) return;
  installed = true;
  SMTPConnection.prototype.init = function init(this: ConnectionInternals) {
    this._setListeners(() => {
      const { options, connections } = this._server;
      if (options.maxClients && connections.size > options.maxClients) {
        return this.send(421, this.name + ' Too many connected clients, try again in a moment', false);
      }
      const delay = options.greetingDelayMs ?? STOCK_DELAY_MS;
      if (delay <= 0) return this.connectionReady();
      setTimeout(() => this.connectionReady(), delay).unref();
    });
  } as unknown as () => void;
}
