// The per-protocol counters behind ProtocolMetrics. Label values are bounded: protocols are a fixed
// list, command names come from each protocol's own table (at most MAX_COMMANDS, then `other`),
// SMTP codes are three digits.
import type { Socket } from 'node:net';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Protocol, SmtpMetrics } from './protocol.ts';

const MAX_COMMANDS = 64;

export type Instruments = ReturnType<typeof createInstruments>;

export function createInstruments(registry: Registry) {
  const registers = [registry];
  return {
    connections: new Counter({ name: 'mailsandbox_connections_total', help: 'Connections accepted', labelNames: ['protocol'], registers }),
    open: new Gauge({ name: 'mailsandbox_connections_open', help: 'Connections open now', labelNames: ['protocol'], registers }),
    commands: new Counter({ name: 'mailsandbox_commands_total', help: 'Commands read, by protocol and verb', labelNames: ['protocol', 'command'], registers }),
    authFailures: new Counter({ name: 'mailsandbox_auth_failures_total', help: 'Logins refused for wrong credentials', labelNames: ['protocol'], registers }),
    received: new Counter({ name: 'mailsandbox_messages_received_total', help: 'Messages that came in (SMTP DATA, IMAP APPEND)', labelNames: ['protocol'], registers }),
    rejections: new Counter({ name: 'mailsandbox_smtp_rejections_total', help: 'SMTP replies with a 4xx or 5xx code, by code', labelNames: ['code'], registers }),
  };
}

export class CountedProtocol implements SmtpMetrics {
  readonly #protocol: Protocol;
  readonly #instruments: Instruments;
  readonly #open;
  readonly #connections;
  readonly #authFailures;
  readonly #received;
  readonly #commands = new Map<string, { inc(): void }>();

  constructor(protocol: Protocol, instruments: Instruments) {
    this.#protocol = protocol;
    this.#instruments = instruments;
    this.#open = instruments.open.labels(protocol);
    this.#connections = instruments.connections.labels(protocol);
    this.#authFailures = instruments.authFailures.labels(protocol);
    this.#received = instruments.received.labels(protocol);
    // Series that exist from the start read 0 instead of missing.
    this.#open.set(0);
    this.#connections.inc(0);
    this.#authFailures.inc(0);
  }

  connected(socket: Socket): void {
    this.#connections.inc();
    this.#open.inc();
    socket.once('close', () => this.#open.dec());
  }

  command(name: string): void {
    let counter = this.#commands.get(name);
    if (!counter) {
      const label = this.#commands.size < MAX_COMMANDS ? name : 'other';
      counter = this.#commands.get(label) ?? this.#instruments.commands.labels(this.#protocol, label);
      this.#commands.set(label, counter);
    }
    counter.inc();
  }

  authFailed(): void {
    this.#authFailures.inc();
  }

  received(): void {
    this.#received.inc();
  }

  rejected(code: number): void {
    if (Number.isInteger(code) && code >= 400 && code <= 599) this.#instruments.rejections.labels(String(code)).inc();
  }
}
