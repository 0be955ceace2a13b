// A raw POP3 client over node:net for exact-byte tests: write anything, read single-line replies
// or multi-line ones up to CRLF.CRLF, as the server sent them (nothing unstuffed).
import { connect, type Socket } from 'node:net';

export class Pop3Socket {
  #buffer = Buffer.alloc(0);
  #wake: (() => void) | null = null;
  #closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#wake?.();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
    socket.on('error', () => {});
  }

  static async open(port: number, host = '127.0.0.1'): Promise<Pop3Socket> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new Pop3Socket(socket);
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** The next line, without CRLF. */
  line(timeout = 5000): Promise<string> {
    return this.#take((buffer) => {
      const end = buffer.indexOf('\r\n');
      return end === -1 ? null : [buffer.toString('utf8', 0, end), end + 2];
    }, timeout);
  }

  /** A whole multi-line reply, status line to the final ".", raw. */
  multiLine(timeout = 5000): Promise<string> {
    return this.#take((buffer) => {
      if (buffer.subarray(0, 4).toString() === '-ERR') {
        const end = buffer.indexOf('\r\n');
        return end === -1 ? null : [buffer.toString('utf8', 0, end + 2), end + 2];
      }
      const end = buffer.indexOf('\r\n.\r\n');
      return end === -1 ? null : [buffer.toString('utf8', 0, end + 5), end + 5];
    }, timeout);
  }

  async command(line: string): Promise<string> {
    this.write(line + '\r\n');
    return this.line();
  }

  /** Resolves once the server has closed the connection. */
  async waitClosed(timeout = 5000): Promise<void> {
    await this.#take(() => (this.#closed ? ['', 0] : null), timeout);
  }

  close(): void {
    this.socket.destroy();
  }

  async #take(parse: (buffer: Buffer) => [string, number] | null, timeout: number): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = parse(this.#buffer);
      if (found) {
        this.#buffer = this.#buffer.subarray(found[1]);
        return found[0];
      }
      if (this.#closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.#buffer.toString())}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no POP3 reply within ${timeout} ms; unread: ${JSON.stringify(this.#buffer.toString())}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }
}
