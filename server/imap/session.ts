// One IMAP connection's state machine: reads commands, checks the state, dispatches to the command
// handlers, and reports mailbox changes (EXISTS, EXPUNGE, FETCH FLAGS) at the points the protocol
// allows. No sockets here: the server gives a Transport.
import type { ServerDeps } from '../deps.ts';
import { MailboxView } from '../store/view.ts';
import { capabilityList } from './capabilities.ts';
import type { Command } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import {
  PENDING,
  type CommandContext,
  type HandlerResult,
  type Reply,
  type Selected,
  type SessionData,
  type SessionState,
} from './context.ts';
import { Output } from './encoder.ts';
import { bad, errorReply, isRefusal, no } from './errors.ts';
import { fetchItems } from './fetch.ts';
import type { ImapLimits } from './limits.ts';
import { parseCommand, readTag } from './parser.ts';
import { CommandReader, type ReaderEvent } from './reader.ts';
import { RecentSet } from './recent.ts';
import { formatSequenceSet } from './sequence.ts';
import type { SliceQueue } from './slices.ts';
import type { FetchAttribute } from './syntax.ts';

export interface Transport {
  /** Writes the pieces as one batch; false when the socket's buffer is full: stop producing until `drained()`. */
  write(pieces: Buffer[]): boolean;
  readonly secure: boolean;
  startTls(): void;
  end(): void;
  setIdleTimeout(ms: number): void;
  pauseInput(): void;
  resumeInput(): void;
}

/** Output is handed to the socket in pieces of about this size. */
const CHUNK = 64 * 1024;
const MAX_LINE = 64 * 1024;
/** Literals outside APPEND (a search string, a password) are small. */
const MAX_SMALL_LITERAL = 64 * 1024;

const FLAG_UPDATE: FetchAttribute[] = [{ kind: 'UID' }, { kind: 'FLAGS' }];
const FLAG_UPDATE_MODSEQ: FetchAttribute[] = [...FLAG_UPDATE, { kind: 'MODSEQ' }];

interface Waiting {
  tag: string;
  command: Command;
  onLine: (line: Buffer) => Reply | void;
  pushUpdates: boolean;
}

export class ImapSession {
  readonly data: SessionData;
  readonly #deps: ServerDeps;
  readonly #limits: ImapLimits;
  /** Shared by every session of the server, so long commands take turns. */
  readonly #slices: SliceQueue;
  readonly #transport: Transport;
  readonly #reader: CommandReader;
  readonly #out = new Output();
  #waiting: Waiting | null = null;
  #afterReply: Array<() => void> = [];
  #current: { tag: string; command: Command } | null = null;
  readonly #context: CommandContext;
  #paused = false;
  /** A command is running in slices (ctx.inSlices): read nothing more until it has replied. */
  #slicing = false;
  #processing = false;
  #pushScheduled = false;

  /** Runs work the session starts by itself (IDLE pushes) the way the server runs socket events. */
  readonly #guarded: (action: () => void) => void;

  constructor(deps: ServerDeps, transport: Transport, guarded: (action: () => void) => void, limits: ImapLimits, slices: SliceQueue) {
    this.#deps = deps;
    this.#slices = slices;
    this.#limits = limits;
    this.#transport = transport;
    this.#guarded = guarded;
    this.data = { state: 'not-authenticated', login: null, selected: null, condstore: false, qresync: false, secure: transport.secure };
    const maxMessage = deps.config.maxMessageSize;
    this.#reader = new CommandReader({
      maxLine: MAX_LINE,
      maxLiteral: (firstLine) => {
        // Before login nothing may be big: this bound is what keeps an anonymous APPEND from filling memory.
        if (this.data.state === 'not-authenticated') return limits.maxLiteralBeforeLogin;
        return /^\S+ APPEND /i.test(firstLine.toString('latin1', 0, 80)) ? maxMessage : MAX_SMALL_LITERAL;
      },
    });
    this.#context = this.#createContext();
  }

  greet(): void {
    this.#transport.setIdleTimeout(this.#limits.unauthenticatedTimeoutMs);
    this.#out.text(`* OK [CAPABILITY ${this.#capabilities()}] mailsandbox IMAP ready\r\n`);
    this.#writeOut();
  }

  receive(chunk: Buffer): void {
    this.#reader.push(chunk);
    this.#process();
  }

  drained(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#transport.resumeInput();
    this.#process();
  }

  /** The idle timer (or the login deadline, with its reason) ran out. */
  timedOut(reason = 'idle for too long'): void {
    this.#out.text(`* BYE Autologout; ${reason}\r\n`);
    this.#finish();
  }

  /** The server is shutting down. */
  shutdown(): void {
    this.#out.text('* BYE mailsandbox shutting down\r\n');
    this.#finish();
  }

  /** The connection is gone: let go of the store. */
  closed(): void {
    this.data.state = 'logout';
    this.#deselect();
  }

  #finish(): void {
    this.#writeOut();
    this.data.state = 'logout';
    this.#deselect();
    this.#transport.end();
  }

  #process(): void {
    if (this.#processing) return;
    this.#processing = true;
    try {
      while (!this.#paused && !this.#slicing && this.data.state !== 'logout') {
        const event = this.#reader.next();
        if (!event) break;
        this.#handleEvent(event);
        if (this.#out.size >= CHUNK) this.#writeOut();
      }
      this.#writeOut();
    } finally {
      this.#processing = false;
    }
  }

  #handleEvent(event: ReaderEvent): void {
    if (event.kind === 'continue') {
      this.#out.text('+ Ready for literal data\r\n');
      return;
    }
    if (event.kind === 'too-big') {
      const tag = this.#waiting?.tag ?? readTag(event.start);
      this.#waiting = null;
      if (event.what === 'line') return void this.#out.text(errorReply(tag, bad('command line too long')));
      // A too-big literal is refused with NO [TOOBIG] (RFC 7888) before the client sends it. Before
      // login, one sent without waiting for `+` ends the connection: reading it would be the attack.
      const name = commandNameOf(event.start);
      const when = this.data.state === 'not-authenticated' ? ' before login' : '';
      this.#out.text(errorReply(tag, no(`literal larger than allowed (${event.limit} bytes for ${name}${when})`, 'TOOBIG')));
      if (!event.synchronizing && this.data.state === 'not-authenticated') {
        this.#out.text('* BYE literal too big before login\r\n');
        this.#finish();
      }
      return;
    }
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = null;
      this.#run(waiting.tag, waiting.command, () => waiting.onLine(event.data));
      return;
    }
    // An empty line (a telnet user pressing Enter) is no command and gets no answer.
    if (!event.data.length) return;
    const parsed = parseCommand(event.data);
    if ('error' in parsed) {
      this.#out.text(errorReply(parsed.tag, parsed.error));
      return;
    }
    this.#dispatch(parsed.tag, parsed.command);
  }

  #dispatch(tag: string, command: Command): void {
    const spec = COMMANDS.get(command.name);
    if (!spec) {
      this.#out.text(errorReply(tag, bad(`unknown command ${command.name}`)));
      return;
    }
    if (!spec.states.includes(this.data.state)) {
      const why = this.data.state === 'not-authenticated' ? 'log in first' : this.data.state === 'authenticated' ? 'select a mailbox first' : 'not valid now';
      this.#out.text(errorReply(tag, bad(`${command.name}: ${why}`)));
      return;
    }
    const handle = spec.handle as (ctx: CommandContext, command: Command) => HandlerResult;
    this.#run(tag, command, () => handle(this.#context, command));
  }

  /** Runs a handler (or the rest of one, after a continuation) and writes its tagged reply. */
  #run(tag: string, command: Command, handler: () => HandlerResult): void {
    const stateBefore = this.data.state;
    let result: HandlerResult;
    this.#current = { tag, command };
    try {
      result = handler();
    } catch (err) {
      if (!isRefusal(err)) this.#deps.log.error('IMAP command failed', { command: command.name, error: errorText(err) });
      this.#reportUpdates(command);
      this.#out.text(errorReply(tag, err));
      return;
    } finally {
      this.#current = null;
    }
    if (result === PENDING) return;
    this.#reportUpdates(command);
    const reply = result ?? {};
    this.#out.text(`${tag} OK ${reply.code ? `[${reply.code}] ` : ''}${reply.text ?? `${commandLabel(command)} completed`}\r\n`);
    if (this.data.state !== stateBefore) this.#stateChanged(stateBefore);
    const actions = this.#afterReply;
    this.#afterReply = [];
    for (const action of actions) action();
  }

  #stateChanged(before: SessionState): void {
    if (before === 'not-authenticated' && this.data.state !== 'logout') this.#transport.setIdleTimeout(this.#limits.authenticatedTimeoutMs);
  }

  /** Writes what changed in the selected mailbox; expunges are held back during FETCH, STORE and SEARCH (RFC 3501 7.4.1). */
  #reportUpdates(command: Command | null): void {
    const selected = this.data.selected;
    if (!selected?.view.hasUpdates) return;
    const { view, recent } = selected;
    const numbersMustHold = command !== null && 'uid' in command && !command.uid && (command.name === 'FETCH' || command.name === 'STORE' || command.name === 'SEARCH');
    const attributes = this.data.condstore ? FLAG_UPDATE_MODSEQ : FLAG_UPDATE;
    const updates = view.takeUpdates(!numbersMustHold);
    // Removals come first; with QRESYNC they go as one VANISHED line of UIDs (RFC 7162 3.2.10).
    if (this.data.qresync) {
      const gone = updates.flatMap((update) => (update.kind === 'expunge' ? [update.id] : []));
      if (gone.length) this.#out.text(`* VANISHED ${formatSequenceSet(gone.sort((a, b) => a - b))}\r\n`);
    }
    for (const update of updates) {
      if (update.kind === 'expunge') {
        recent.forget(update.id);
        if (!this.data.qresync) this.#out.text(`* ${update.seq} EXPUNGE\r\n`);
      } else if (update.kind === 'exists') {
        recent.learn(update.arrived);
        this.#out.text(`* ${update.count} EXISTS\r\n* ${recent.size} RECENT\r\n`);
      } else {
        this.#out.text(`* ${update.seq} FETCH `).value(fetchItems(update.message, attributes, recent.has(update.message.id))).text('\r\n');
      }
    }
  }

  /** While IDLE, changes are pushed as they happen (batched per turn of the event loop). */
  #onViewChange(): void {
    if (!this.#waiting?.pushUpdates || this.#pushScheduled) return;
    this.#pushScheduled = true;
    setImmediate(() =>
      this.#guarded(() => {
        this.#pushScheduled = false;
        if (!this.#waiting?.pushUpdates || this.data.state === 'logout') return;
        this.#reportUpdates(null);
        this.#writeOut();
      }),
    );
  }

  #writeOut(): void {
    if (!this.#out.size) return;
    if (!this.#transport.write(this.#out.takePieces()) && !this.#paused) {
      this.#paused = true;
      this.#transport.pauseInput();
    }
  }

  #capabilities(): string {
    return capabilityList(this.data, { available: this.#deps.tls !== null, required: this.#deps.config.tlsRequired });
  }

  #select(folder: string, readOnly: boolean): Selected {
    this.#deselect();
    const login = this.data.login;
    if (!login) throw new Error('select before login');
    const view = new MailboxView(this.#deps.store, folder, login);
    view.onChange = () => this.#onViewChange();
    const recent = new RecentSet(this.#deps.store, folder, login, !readOnly);
    recent.learn(view.numbered);
    const selected: Selected = { view, readOnly, recent };
    this.data.selected = selected;
    this.data.state = 'selected';
    return selected;
  }

  #deselect(): void {
    this.data.selected?.view.close();
    this.data.selected = null;
    if (this.data.state === 'selected') this.data.state = 'authenticated';
  }

  /** One context per session (not per command): handlers read the command being run from #current. */
  #createContext(): CommandContext {
    const current = () => {
      if (!this.#current) throw new Error('no command running');
      return this.#current;
    };
    return {
      deps: this.#deps,
      session: this.data,
      out: this.#out,
      untagged: (text) => void this.#out.text(`* ${text}\r\n`),
      spill: () => {
        if (this.#out.size >= CHUNK) this.#writeOut();
      },
      capabilities: () => this.#capabilities(),
      select: (folder, readOnly) => this.#select(folder, readOnly),
      deselect: () => this.#deselect(),
      awaitLine: (prompt, onLine, options = {}) => {
        this.#waiting = { ...current(), onLine, pushUpdates: options.pushUpdates ?? false };
        this.#out.text(`+ ${prompt}\r\n`);
        if (options.pushUpdates) this.#reportUpdates(null);
        return PENDING;
      },
      inSlices: (step, finish) => {
        const { tag, command } = current();
        this.#slicing = true;
        let more = true;
        const slice = () => {
          if (this.data.state === 'logout') return void (more = false);
          this.#run(tag, command, () => {
            more = !step();
            return more ? PENDING : finish();
          });
          if (more) return;
          this.#slicing = false;
          this.#writeOut();
          this.#process();
        };
        this.#slices.add(() => {
          this.#guarded(slice);
          return more && this.data.state !== 'logout';
        });
        return PENDING;
      },
      afterReply: (action) => void this.#afterReply.push(action),
      startTls: () => {
        this.#writeOut();
        this.#reader.reset();
        this.#transport.startTls();
        this.data.secure = true;
      },
      end: () => this.#finish(),
    };
  }
}

function commandLabel(command: Command): string {
  return 'uid' in command && command.uid ? `UID ${command.name}` : command.name;
}

/** The command a (possibly cut) first line names, for error texts: `a UID FETCH ...` -> `UID FETCH`. */
function commandNameOf(firstLine: Buffer): string {
  const words = firstLine.toString('latin1', 0, 80).split(' ');
  const name = (words[1] ?? '').toUpperCase().replace(/[^A-Z]/g, '');
  const second = (words[2] ?? '').toUpperCase();
  if (name === 'UID' && /^[A-Z]+$/.test(second)) return `UID ${second}`;
  return name || 'the command';
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
