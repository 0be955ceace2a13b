// A minimal SMTP client for load: one socket, replies read line by line, MAIL/RCPT/DATA pipelined.
import { connect, type Socket } from 'node:net';

export class BenchSmtpClient {
  #pending = '';
  /** The last final reply line, e.g. `250 Ok: stored as 42`. */
  lastReply = '';
  #waiters: Array<(code: number) => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk.toString('latin1')));
  }

  static async open(port: number): Promise<BenchSmtpClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new BenchSmtpClient(socket);
    await client.#expect(220);
    socket.write('EHLO bench.local\r\n');
    await client.#expect(250);
    return client;
  }

  #onData(text: string): void {
    this.#pending += text;
    for (let end = this.#pending.indexOf('\r\n'); end !== -1; end = this.#pending.indexOf('\r\n')) {
      const line = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + 2);
      if (line[3] === '-') continue;
      this.lastReply = line;
      this.#waiters.shift()?.(Number(line.slice(0, 3)));
    }
  }

  #reply(): Promise<number> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async #expect(code: number): Promise<void> {
    const got = await this.#reply();
    if (got !== code) throw new Error(`expected ${code}, got ${got}`);
  }

  /** Sends one message (already dot-stuffed, ending in CRLF); resolves true on a 250 after DATA. */
  async send(from: string, to: string, body: Buffer): Promise<boolean> {
    const replies = [this.#reply(), this.#reply(), this.#reply()];
    this.socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
    const [mail, rcpt, data] = await Promise.all(replies);
    if (mail !== 250 || rcpt !== 250 || data !== 354) return false;
    const done = this.#reply();
    this.socket.write(body);
    this.socket.write('.\r\n');
    return (await done) === 250;
  }

  async quit(): Promise<void> {
    this.socket.end('QUIT\r\n');
    await new Promise((resolve) => this.socket.once('close', resolve));
  }
}
