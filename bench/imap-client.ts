// A minimal IMAP client for load: tagged commands that may be pipelined, a reader that knows
// literals ({n} then n bytes) and counts their bytes instead of keeping them. Untagged responses go
// to the oldest command in flight. Same code against every server, so its cost cancels out.
import { connect, type Socket } from 'node:net';

export interface ImapReply {
  status: 'OK' | 'NO' | 'BAD';
  /** The tagged line after the status. */
  text: string;
  /** Untagged lines, each literal replaced by its {n} marker. */
  untagged: string[];
  literalBytes: number;
}

interface Pending {
  tag: string;
  reply: ImapReply;
  resolve: (reply: ImapReply) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const CRLF = Buffer.from('\r\n');
const LITERAL = /\{(\d+)\+?\}$/;

export class ImapClient {
  #leftover: Buffer = Buffer.alloc(0);
  #literalLeft = 0;
  #parts: string[] = [];
  #pending: Pending[] = [];
  #nextTag = 1;
  #greeting: { resolve: (line: string) => void; reject: (err: Error) => void } | null = null;
  #failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.#fail(err));
    socket.on('close', () => this.#fail(new Error('connection closed')));
  }

  static async connect(port: number, timeoutMs = 120_000): Promise<ImapClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new ImapClient(socket, timeoutMs);
    const greeting = await new Promise<string>((resolve, reject) => (client.#greeting = { resolve, reject }));
    if (!greeting.startsWith('* OK')) throw new Error(`greeting: ${greeting}`);
    return client;
  }

  /** Sends `<tag> <line>`; resolves with the tagged status whatever it is (callers check NO/BAD). */
  command(line: string): Promise<ImapReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const tag = `b${this.#nextTag++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#fail(new Error(`timeout: ${line}`)), this.timeoutMs);
      this.#pending.push({ tag, reply: { status: 'BAD', text: '', untagged: [], literalBytes: 0 }, resolve, reject, timer });
      this.socket.write(`${tag} ${line}\r\n`);
    });
  }

  /** Sends every line in one write, without waiting between them; resolves when all are answered. */
  pipeline(lines: string[]): Promise<ImapReply[]> {
    this.socket.cork();
    const replies = lines.map((line) => this.command(line));
    this.socket.uncork();
    return Promise.all(replies);
  }

  /** Sends the command and throws unless it ends in OK. */
  async ok(line: string): Promise<ImapReply> {
    const reply = await this.command(line);
    if (reply.status !== 'OK') throw new Error(`${line} -> ${reply.status} ${reply.text}`);
    return reply;
  }

  async logout(): Promise<void> {
    if (this.#failure) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    await this.command('LOGOUT').catch(() => {});
    this.socket.end();
    await closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    const buf = this.#leftover.length ? Buffer.concat([this.#leftover, chunk]) : chunk;
    let pos = 0;
    while (pos < buf.length) {
      if (this.#literalLeft > 0) {
        const take = Math.min(this.#literalLeft, buf.length - pos);
        this.#literalLeft -= take;
        pos += take;
        if (this.#pending[0]) this.#pending[0].reply.literalBytes += take;
        continue;
      }
      const end = buf.indexOf(CRLF, pos);
      if (end === -1) break;
      const line = buf.toString('latin1', pos, end);
      pos = end + 2;
      const literal = line.endsWith('}') ? LITERAL.exec(line) : null;
      if (literal) {
        this.#parts.push(line);
        this.#literalLeft = Number(literal[1]);
      } else if (this.#parts.length) {
        this.#parts.push(line);
        this.#onResponse(this.#parts.join(''));
        this.#parts = [];
      } else {
        this.#onResponse(line);
      }
    }
    this.#leftover = buf.subarray(pos);
  }

  #onResponse(line: string): void {
    if (this.#greeting) {
      this.#greeting.resolve(line);
      this.#greeting = null;
      return;
    }
    const first = this.#pending[0];
    if (line.startsWith('* ')) {
      first?.reply.untagged.push(line);
      return;
    }
    if (line.startsWith('+')) return;
    const space = line.indexOf(' ');
    const index = this.#pending.findIndex((p) => p.tag === line.slice(0, space));
    if (index === -1) return;
    const [done] = this.#pending.splice(index, 1);
    const rest = line.slice(space + 1);
    const statusEnd = rest.indexOf(' ');
    done.reply.status = (statusEnd === -1 ? rest : rest.slice(0, statusEnd)) as ImapReply['status'];
    done.reply.text = statusEnd === -1 ? '' : rest.slice(statusEnd + 1);
    clearTimeout(done.timer);
    done.resolve(done.reply);
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    this.#greeting?.reject(err);
    for (const p of this.#pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.socket.destroy();
  }
}
