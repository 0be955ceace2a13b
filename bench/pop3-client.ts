// A minimal POP3 client for load: one command at a time, single-line replies as strings, multi-line
// replies (RETR, LIST) collected until CRLF.CRLF across chunk boundaries. RETR reports the message
// size after undoing dot-stuffing, so the bench can check every byte count.
import { connect, type Socket } from 'node:net';

interface Waiter {
  multiLine: boolean;
  status: string | null;
  /** Body bytes found so far, starting with the CRLF that ended the status line. */
  parts: Buffer[];
  /** Bytes not yet known to be body (they may start the terminator). */
  tail: Buffer;
  resolve: (reply: { status: string; body: Buffer }) => void;
  reject: (err: Error) => void;
}

const CRLF = Buffer.from('\r\n');
const TERMINATOR = Buffer.from('\r\n.\r\n');
const STUFFED = Buffer.from('\r\n..');
const EMPTY = Buffer.alloc(0);

export class Pop3Client {
  #leftover: Buffer = EMPTY;
  #waiters: Waiter[] = [];
  #failure: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.#fail(err));
    socket.on('close', () => this.#fail(new Error('connection closed')));
  }

  static async connect(port: number): Promise<Pop3Client> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new Pop3Client(socket);
    const greeting = await client.#expect(false);
    if (!greeting.status.startsWith('+OK')) throw new Error(`greeting: ${greeting.status}`);
    return client;
  }

  async login(user: string, password: string): Promise<void> {
    await this.ok(`USER ${user}`);
    await this.ok(`PASS ${password}`);
  }

  /** Sends a command with a single-line reply; throws unless +OK. */
  async ok(line: string): Promise<string> {
    const reply = this.#expect(false);
    this.socket.write(`${line}\r\n`);
    const { status } = await reply;
    if (!status.startsWith('+OK')) throw new Error(`${line.startsWith('PASS') ? 'PASS' : line} -> ${status}`);
    return status;
  }

  /** LIST: message number -> size in octets. */
  async list(): Promise<Map<number, number>> {
    const body = await this.#multiLine('LIST');
    const sizes = new Map<number, number>();
    for (const line of body.toString('latin1').split('\r\n')) {
      const [n, size] = line.split(' ').map(Number);
      if (n) sizes.set(n, size);
    }
    return sizes;
  }

  /** RETR n; resolves with the message's size in octets once dot-stuffing is undone. */
  async retr(n: number): Promise<number> {
    const body = await this.#multiLine(`RETR ${n}`);
    let stuffed = 0;
    for (let at = body.indexOf(STUFFED); at !== -1; at = body.indexOf(STUFFED, at + 3)) stuffed++;
    return body.length - CRLF.length - stuffed;
  }

  async quit(): Promise<void> {
    if (this.#failure) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    await this.ok('QUIT').catch(() => {});
    this.socket.end();
    await closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  async #multiLine(line: string): Promise<Buffer> {
    const reply = this.#expect(true);
    this.socket.write(`${line}\r\n`);
    const { status, body } = await reply;
    if (!status.startsWith('+OK')) throw new Error(`${line} -> ${status}`);
    return body;
  }

  #expect(multiLine: boolean): Promise<{ status: string; body: Buffer }> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ multiLine, status: null, parts: [], tail: CRLF, resolve, reject }));
  }

  #onData(chunk: Buffer): void {
    let data = this.#leftover.length ? Buffer.concat([this.#leftover, chunk]) : chunk;
    this.#leftover = EMPTY;
    while (data.length && this.#waiters.length) {
      const waiter = this.#waiters[0];
      if (waiter.status === null) {
        const end = data.indexOf(CRLF);
        if (end === -1) break;
        waiter.status = data.toString('latin1', 0, end);
        data = data.subarray(end + 2);
        if (!waiter.multiLine || !waiter.status.startsWith('+OK')) {
          this.#waiters.shift();
          waiter.resolve({ status: waiter.status, body: EMPTY });
        }
        continue;
      }
      const joined = Buffer.concat([waiter.tail, data]);
      const end = joined.indexOf(TERMINATOR);
      if (end === -1) {
        const held = Math.max(0, joined.length - 4);
        waiter.parts.push(joined.subarray(0, held));
        waiter.tail = joined.subarray(held);
        data = EMPTY;
        break;
      }
      waiter.parts.push(joined.subarray(0, end + 2));
      data = joined.subarray(end + TERMINATOR.length);
      this.#waiters.shift();
      waiter.resolve({ status: waiter.status, body: Buffer.concat(waiter.parts) });
    }
    this.#leftover = data;
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(err);
    this.socket.destroy();
  }
}
