// One sandbox's metrics: a prom-client registry of its own (sandboxes embedded side by side never
// share counts), fed by the store's events and the protocol servers, exposed as GET /metrics.
import { Gauge, Registry } from 'prom-client';
import type { MessageStore } from '../store/index.ts';
import { processRegistry } from './process.ts';
import type { HttpMetrics, ProtocolMetrics, SmtpMetrics } from './protocol.ts';
import { CountedProtocol, createInstruments, type Instruments } from './protocols.ts';
import { registerStoreMetrics } from './store.ts';
import { registerWebhookMetrics, type WebhookMetrics } from './webhooks.ts';

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
  readonly #registry: Registry;
  #webSocketClients: () => number = () => 0;

  constructor(instruments: Instruments, registry: Registry) {
    super('http', instruments);
    this.#registry = registry;
    const clients = () => this.#webSocketClients();
    new Gauge({ name: 'mailsandbox_websocket_clients', help: 'Clients connected to the event stream', registers: [registry], collect() { this.set(clients()); } });
  }

  countWebSocketClients(count: () => number): void {
    this.#webSocketClients = count;
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([this.#registry, processRegistry()]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}

export function createMetrics(store: MessageStore): SandboxMetrics {
  const registry = new Registry();
  const unsubscribe = registerStoreMetrics(registry, store);
  const instruments = createInstruments(registry);
  return {
    smtp: new CountedProtocol('smtp', instruments),
    imap: new CountedProtocol('imap', instruments),
    pop3: new CountedProtocol('pop3', instruments),
    http: new CountedHttp(instruments, registry),
    webhooks: registerWebhookMetrics(registry),
    close: unsubscribe,
  };
}
