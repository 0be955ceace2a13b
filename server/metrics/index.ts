// One sandbox's metrics, kept apart from any other sandbox's in the same process: counts fed by the
// store's events and the protocol servers, rendered as GET /metrics.
import type { MessageStore } from '../store/index.ts';
import { Exposition } from './exposition.ts';
import { sampled, type Family } from './family.ts';
import type { HttpMetrics, ProtocolMetrics, SmtpMetrics } from './protocol.ts';
import { CountedProtocol, createInstruments, type Instruments } from './protocols.ts';
import { storeMetrics } from './store.ts';
import { webhookMetrics, type WebhookMetrics } from './webhooks.ts';

export type { HttpMetrics, ProtocolMetrics, SmtpMetrics } from './protocol.ts';
export type { WebhookMetrics } from './webhooks.ts';

export interface SandboxMetrics {
  smtp: SmtpMetrics;
  imap: ProtocolMetrics;
  pop3: ProtocolMetrics;
  http: HttpMetrics;
  webhooks: WebhookMetrics;
  close(): void;
}

class CountedHttp extends CountedProtocol implements HttpMetrics {
  readonly #exposition: Exposition;
  #webSocketClients: () => number = () => 0;

  constructor(instruments: Instruments, families: Family[]) {
    super('http', instruments);
    families.push(sampled('mailsandbox_websocket_clients', 'Clients connected to the event stream', () => this.#webSocketClients()));
    this.#exposition = new Exposition(families);
  }

  countWebSocketClients(count: () => number): void {
    this.#webSocketClients = count;
  }

  exposition(): Promise<{ contentType: string; body: string }> {
    return this.#exposition.render();
  }
}

export function createMetrics(store: MessageStore): SandboxMetrics {
  const fromStore = storeMetrics(store);
  const instruments = createInstruments();
  const webhooks = webhookMetrics();
  const families: Family[] = [...fromStore.families, ...Object.values(instruments), ...webhooks.families];
  return {
    smtp: new CountedProtocol('smtp', instruments),
    imap: new CountedProtocol('imap', instruments),
    pop3: new CountedProtocol('pop3', instruments),
    http: new CountedHttp(instruments, families),
    webhooks: webhooks.metrics,
    close: fromStore.unsubscribe,
  };
}
