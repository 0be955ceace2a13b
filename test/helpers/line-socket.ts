// A protocol-neutral raw client: connect (optionally from another loopback address), write bytes,
// read whole lines, and know when the server hung up. For tests of what every listener must do.
import net from 'node:net';

export class LineSocket {
  readonly socket: net.Socket;
  readonly lines: string[] = [];
  #buffer = '';
  #wake: Array<() => void> = [];
  #closed = false;
  /** Bytes the server sent, counted as they arrive. */
  received = 0;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.received += chunk.length;
      this.#buffer += chunk;
      let end;
      while ((end = this.#buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.#buffer.slice(0, end).replace(/\r$/, ''));
        this.#buffer = this.#buffer.slice(end + 1);
      }
      this.#notify();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#notify();
    });
    socket.on('error', () => {});
  }

  static open(port: number, options: { host?: string; localAddress?: string } = {}): Promise<LineSocket> {
    const socket = net.connect({ port, host: options.host ?? '127.0.0.1', localAddress: options.localAddress });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new LineSocket(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(data: string | Buffer): boolean {
    return this.socket.write(data);
  }

  /** Removes and returns the lines up to the first that matches. */
  async waitFor(match: RegExp, timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.lines.findIndex((line) => match.test(line));
      if (index >= 0) return this.lines.splice(0, index + 1);
      if (this.#closed || Date.now() > deadline) throw new Error(`no line matching ${match} (closed: ${this.#closed}); got ${JSON.stringify(this.lines)}`);
      await this.#changed(deadline - Date.now());
    }
  }

  /** Resolves true once the server has closed the connection, false after the timeout. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#closed && Date.now() < deadline) await this.#changed(deadline - Date.now());
    return this.#closed;
  }

  close(): void {
    this.socket.destroy();
  }

  #changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(1, ms));
      this.#wake.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #notify(): void {
    for (const wake of this.#wake.splice(0)) wake();
  }
}
