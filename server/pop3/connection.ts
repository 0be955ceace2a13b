// One client connection: bytes in through the line reader, the session's outcomes out, one
// pipelined command at a time and no faster than the socket drains. STLS swaps in a TLS socket.
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { ServerDeps } from '../deps.ts';
import { MASK, maskPop3, NO_RECORDER, type SessionRecorder } from '../sessions/index.ts';
import type { Pop3Limits } from './limits.ts';
import type { Outcome } from './commands/command.ts';
import { LineReader, type LineItem } from './reader.ts';
import { err, type Reply } from './reply.ts';
import { Pop3Session } from './session.ts';
import { recordReply } from './transcript.ts';

/** Commands waiting beyond this many stop the reading until the replies have gone out. */
const QUEUE_HIGH = 64;
/** How long a closing connection may take to flush its last reply before it is cut. */
const CLOSE_GRACE_MS = 2_000;

export class Pop3Connection {
  readonly #deps: ServerDeps;
  readonly #limits: Pop3Limits;
  readonly #tlsContext: SecureContext | null;
  readonly #session: Pop3Session;
  readonly #onClose: () => void;
  readonly #record: SessionRecorder;
  #socket: Socket;
  #reader: LineReader;
  #queue: LineItem[] = [];
  #waitingForDrain = false;
  #readingPaused = false;
  #upgrading = false;
  #closing = false;
  /** A fault rule's delay holds the current command: the next waits. */
  #delaying = false;

  constructor(socket: Socket, deps: ServerDeps, limits: Pop3Limits, tlsContext: SecureContext | null, secure: boolean, onClose: () => void) {
    this.#deps = deps;
    this.#limits = limits;
    this.#tlsContext = tlsContext;
    this.#record = deps.sessions?.open('pop3', socket.remoteAddress, socket.remotePort, secure) ?? NO_RECORDER;
    this.#session = new Pop3Session(deps, limits, secure, this.#record);
    this.#onClose = () => {
      this.#record.end('dropped');
      onClose();
    };
    this.#socket = socket;
    this.#reader = new LineReader(limits.maxLineOctets, limits.maxDiscardOctets);
    this.#attach(socket);
    this.#write(this.#session.greeting().reply);
    // Counted from connect: unlike the idle timer, bytes trickled in do not move it.
    const loginDeadline = setTimeout(() => {
      if (this.#session.state !== 'AUTHORIZATION') return;
      this.#record.ending('timeout');
      this.#close(err(`no login within ${Math.ceil(limits.loginTimeoutMs / 1000)} s, closing`));
    }, limits.loginTimeoutMs);
    loginDeadline.unref();
    socket.once('close', () => clearTimeout(loginDeadline));
  }

  /** The server is stopping: say so and close, without UPDATE (nothing marked is removed). */
  shutdown(): void {
    this.#record.ending('shutdown');
    if (!this.#closing) this.#close(err('mailsandbox is shutting down', 'SYS/TEMP'));
  }

  #attach(socket: Socket): void {
    socket.setNoDelay(true);
    socket.setTimeout(this.#limits.idleTimeoutMs);
    socket.on('data', this.#onData);
    socket.on('drain', this.#onDrain);
    socket.on('timeout', this.#onTimeout);
    socket.on('error', this.#onError);
    socket.once('close', this.#onClose);
  }

  #onData = (chunk: Buffer): void => {
    if (this.#closing || this.#upgrading) return;
    for (const item of this.#reader.push(chunk)) this.#queue.push(item);
    if (this.#queue.length > QUEUE_HIGH && !this.#readingPaused) {
      this.#readingPaused = true;
      this.#socket.pause();
    }
    this.#pump();
  };

  #onDrain = (): void => {
    this.#waitingForDrain = false;
    this.#pump();
  };

  #onTimeout = (): void => {
    this.#record.ending('timeout');
    this.#close(err(`no command for ${Math.round(this.#limits.idleTimeoutMs / 1000)} s, closing`));
  };

  #onError = (error: Error): void => {
    this.#deps.log.debug('POP3 connection error', { error: error.message });
    this.#closing = true;
    this.#socket.destroy();
  };

  #pump(): void {
    while (this.#queue.length && !this.#waitingForDrain && !this.#upgrading && !this.#closing && !this.#delaying) {
      const item = this.#queue.shift()!;
      if (this.#record.wantsLines) this.#record.client(item.kind === 'line' ? (this.#session.awaitsAnswer ? MASK : maskPop3(item.text)) : `[${item.kind} line dropped]`);
      else this.#record.client('');
      if (!this.#deliver(this.#session.handle(item))) return;
    }
    if (this.#readingPaused && this.#queue.length < QUEUE_HIGH / 2 && !this.#closing) {
      this.#readingPaused = false;
      this.#socket.resume();
    }
  }

  /** Acts on one outcome; false when the pump must stop here (closing, STLS, a delay). */
  #deliver(outcome: Outcome): boolean {
    if (outcome.later) {
      const { ms, next } = outcome.later;
      this.#delaying = true;
      setTimeout(() => {
        this.#delaying = false;
        if (this.#closing || this.#socket.destroyed) return;
        if (this.#deliver(next())) this.#pump();
      }, ms);
      return false;
    }
    if (outcome.after === 'close') {
      this.#close(outcome.reply);
      return false;
    }
    if (outcome.after === 'drop') {
      // Gone without a word and without UPDATE: nothing marked for deletion is removed.
      this.#closing = true;
      this.#queue = [];
      this.#socket.destroy();
      return false;
    }
    const flushed = this.#write(outcome.reply);
    if (outcome.after === 'start-tls') {
      this.#startTls();
      return false;
    }
    if (!flushed) this.#waitingForDrain = true;
    return true;
  }

  /** Writes a reply's chunks as one batch; false when the socket's buffer is full. */
  #write(reply: Reply): boolean {
    const socket = this.#socket;
    if (this.#record.wantsLines) recordReply(this.#record, reply);
    if (reply.length === 1) return socket.write(reply[0]);
    socket.cork();
    let flushed = true;
    for (const chunk of reply) flushed = socket.write(chunk);
    socket.uncork();
    return flushed;
  }

  #close(reply: Reply): void {
    this.#closing = true;
    this.#queue = [];
    const socket = this.#socket;
    if (socket.destroyed) return;
    this.#write(reply);
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  #startTls(): void {
    const plain = this.#socket;
    this.#upgrading = true;
    // RFC 2595 4: whatever was pipelined after STLS arrived in clear text and is dropped.
    this.#queue = [];
    this.#reader = new LineReader(this.#limits.maxLineOctets, this.#limits.maxDiscardOctets);
    plain.off('data', this.#onData);
    plain.off('drain', this.#onDrain);
    plain.off('timeout', this.#onTimeout);
    plain.setTimeout(0);
    const secure = new TLSSocket(plain, { isServer: true, secureContext: this.#tlsContext! });
    this.#socket = secure;
    this.#attach(secure);
    secure.once('secure', () => {
      this.#upgrading = false;
      this.#session.secured();
      this.#record.secured();
    });
  }
}
