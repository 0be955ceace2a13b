// A raw SMTP client over node:net: send exact bytes, read whole (multi-line) replies.
import { connect, type Socket } from 'node:net';

export interface SmtpReply {
  code: number;
  lines: string[];
  text: string;
}

export class SmtpSocket {
  #buffer = '';
  #replies: SmtpReply[] = [];
  #waiters: Array<(reply: SmtpReply) => void> = [];
  #closed = false;
  readonly closedPromise: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    this.closedPromise = new Promise((resolve) => socket.on('close', () => ((this.#closed = true), resolve())));
    socket.on('error', () => {});
  }

  static async open(port: number, host = '127.0.0.1'): Promise<SmtpSocket> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new SmtpSocket(socket);
  }

  get closed(): boolean {
    return this.#closed;
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let pending: string[] = [];
    for (;;) {
      const end = this.#buffer.indexOf('\r\n');
      if (end === -1) break;
      const line = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      pending.push(line);
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), lines: pending, text: pending.join('\n') };
        pending = [];
        const waiter = this.#waiters.shift();
        if (waiter) waiter(reply);
        else this.#replies.push(reply);
      }
    }
    if (pending.length) this.#buffer = pending.map((l) => l + '\r\n').join('') + this.#buffer;
  }

  /** The next reply, waiting up to `timeout` ms. */
  read(timeout = 5000): Promise<SmtpReply> {
    const ready = this.#replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SMTP reply within ' + timeout + ' ms')), timeout);
      this.#waiters.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  async command(line: string): Promise<SmtpReply> {
    this.write(line + '\r\n');
    return this.read();
  }

  close(): void {
    this.socket.destroy();
  }
}
