// IMAP test helpers: an imapflow client for a sandbox, and a raw line-based IMAP client for the
// exchanges where the exact order of responses matters.
import net from 'node:net';
import { ImapFlow } from 'imapflow';
import type { Sandbox } from '../../server/app.ts';
import type { ListenerInfo } from '../../server/types.ts';

type ImapFlowOptions = ConstructorParameters<typeof ImapFlow>[0];

export function imapflowClient(sandbox: Sandbox, user = 'tester', pass = 'any', options: Partial<ImapFlowOptions> = {}): ImapFlow {
  if (!sandbox.imap) throw new Error('IMAP is off in this sandbox');
  return new ImapFlow({
    host: sandbox.imap.host,
    port: sandbox.imap.port,
    secure: false,
    auth: { user, pass },
    logger: false,
    disableAutoIdle: true,
    tls: { rejectUnauthorized: false },
    ...options,
  });
}

/** A raw IMAP connection: send tagged commands and get back every line up to the tagged reply. */
export class RawImap {
  readonly #socket: net.Socket;
  #buffer = '';
  #waiters: Array<() => void> = [];
  #tag = 0;
  readonly lines: string[] = [];

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let index;
      while ((index = this.#buffer.indexOf('\r\n')) >= 0) {
        this.lines.push(this.#buffer.slice(0, index));
        this.#buffer = this.#buffer.slice(index + 2);
      }
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Connects to a sandbox's IMAP listener, or to a bare one started by a test. */
  static async connect(target: Sandbox | ListenerInfo): Promise<RawImap> {
    const { host, port } = 'store' in target ? target.imap! : target;
    const socket = net.connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawImap(socket);
    await client.waitFor((line) => line.startsWith('* OK'));
    client.lines.length = 0;
    return client;
  }

  get closed(): boolean {
    return this.#socket.destroyed || this.#socket.readableEnded;
  }

  /** Waits until a line matches (among those not yet taken) and returns the lines up to and including it. */
  async waitFor(match: (line: string) => boolean, timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.lines.findIndex(match);
      if (index >= 0) return this.lines.splice(0, index + 1);
      if (Date.now() > deadline || this.#socket.destroyed) throw new Error(`timed out waiting; got: ${JSON.stringify(this.lines)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  write(data: string | Buffer): void {
    this.#socket.write(data);
  }

  /** Sends `<tag> <command>` and returns all lines up to the tagged reply (the last element). */
  async command(command: string, timeoutMs?: number): Promise<string[]> {
    const tag = `t${++this.#tag}`;
    this.#socket.write(`${tag} ${command}\r\n`);
    return this.waitFor((line) => line.startsWith(`${tag} `), timeoutMs);
  }

  close(): void {
    this.#socket.destroy();
  }
}
