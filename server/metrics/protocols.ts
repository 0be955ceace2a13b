// The per-protocol counts behind ProtocolMetrics. Label values are bounded: protocols are a fixed
// list, command names come from each protocol's own table (at most MAX_COMMANDS, then `other`),
// SMTP codes are three digits.
import type { Socket } from 'node:net';
import { Tally, type Slot } from './family.ts';
import type { Protocol, SmtpMetrics } from './protocol.ts';

const MAX_COMMANDS = 64;

export type Instruments = ReturnType<typeof createInstruments>;

export function createInstruments() {
  return {
    connections: new Tally('counter', 'mailsandbox_connections_total', 'Connections accepted', ['protocol']),
    open: new Tally('gauge', 'mailsandbox_connections_open', 'Connections open now', ['protocol']),
    commands: new Tally('counter', 'mailsandbox_commands_total', 'Commands read, by protocol and verb', ['protocol', 'command']),
    authFailures: new Tally('counter', 'mailsandbox_auth_failures_total', 'Logins refused for wrong credentials', ['protocol']),
    received: new Tally('counter', 'mailsandbox_messages_received_total', 'Messages that came in (SMTP DATA, IMAP APPEND)', ['protocol']),
    rejections: new Tally('counter', 'mailsandbox_smtp_rejections_total', 'SMTP replies with a 4xx or 5xx code, by code', ['code']),
  };
}

export class CountedProtocol implements SmtpMetrics {
  readonly #protocol: Protocol;
  readonly #instruments: Instruments;
  readonly #open: Slot;
  readonly #connections: Slot;
  readonly #authFailures: Slot;
  readonly #received: Slot;
  readonly #commands = new Map<string, Slot>();
  readonly #rejections = new Map<number, Slot>();

  constructor(protocol: Protocol, instruments: Instruments) {
    this.#protocol = protocol;
    this.#instruments = instruments;
    this.#open = instruments.open.slot({ protocol });
    this.#connections = instruments.connections.slot({ protocol });
    this.#authFailures = instruments.authFailures.slot({ protocol });
    this.#received = instruments.received.slot({ protocol });
  }

  connected(socket: Socket): void {
    this.#connections.value++;
    this.#open.value++;
    socket.once('close', () => this.#open.value--);
  }

  command(name: string): void {
    let slot = this.#commands.get(name);
    if (!slot) {
      const label = this.#commands.size < MAX_COMMANDS ? name : 'other';
      slot = this.#commands.get(label) ?? this.#instruments.commands.slot({ protocol: this.#protocol, command: label });
      this.#commands.set(label, slot);
    }
    slot.value++;
  }

  authFailed(): void {
    this.#authFailures.value++;
  }

  received(): void {
    this.#received.value++;
  }

  rejected(code: number): void {
    if (!Number.isInteger(code) || code < 400 || code > 599) return;
    let slot = this.#rejections.get(code);
    if (!slot) {
      slot = this.#instruments.rejections.slot({ code: String(code) });
      this.#rejections.set(code, slot);
    }
    slot.value++;
  }
}
