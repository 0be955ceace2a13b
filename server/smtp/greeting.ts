// smtp-server waits a hard-coded 100 ms before every 220 greeting to catch spammers that talk early.
// A local sandbox has none, and the wait caps apps that connect once per message near 10 msgs/s.
// This is the one place that changes it: the connection's init() is replaced by one that reads
// the delay from the server's own `greetingDelayMs` option (stock 100 ms when a server sets none).
// The library's maxClients check that init() also held is left out: our server sets no maxClients,
// its connection caps live in onConnect. smtp-server is pinned exactly because of this.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

const STOCK_DELAY_MS = 100;

interface ConnectionInternals {
  _server: { options: { greetingDelayMs?: number } };
  _setListeners(callback: () => void): void;
  connectionReady(next?: () => void): void;
}

let installed = false;

export function installGreetingDelayOption(): void {
  if (installed) return;
  installed = true;
  SMTPConnection.prototype.init = function init(this: ConnectionInternals) {
    this._setListeners(() => {
      const delay = this._server.options.greetingDelayMs ?? STOCK_DELAY_MS;
      if (delay <= 0) return this.connectionReady();
      setTimeout(() => this.connectionReady(), delay).unref();
    });
  } as unknown as () => void;
}
