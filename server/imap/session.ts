// One IMAP connection's state machine: reads commands, checks the state, dispatches to the command
// handlers, and reports mailbox changes (EXISTS, EXPUNGE, FETCH FLAGS) at the points the protocol
// allows. No sockets here: the server gives a Transport.
import { protocolDeps, type ServerDeps } from '../deps.ts';
import { LiteralLines, maskImap, MASK, NO_RECORDER, summarizeCommand, type SessionRecorder } from '../sessions/index.ts';
import type { FaultAction } from '../faults/index.ts';
import type { Folder, LoginStore } from '../store/login.ts';
import { loginFor, type Login } from '../store/message.ts';
import { capabilityList } from './capabilities.ts';
import type { Command } from './commands/index.ts';
import {
  PENDING,
  STATES_BY_ACCESS,
  type CommandContext,
  type ContextByAccess,
  type HandlerResult,
  type ParsedCommand,
  type Reply,
  type Selected,
  type SelectedContext,
  type SessionData,
  type SessionState,
} from './context.ts';
import { Output } from './encoder.ts';
import { bad, errorReply, isAuthenticationFailure, isRefusal, no } from './errors.ts';
import { commandFault, FAULT_TEXT, FaultFired, imapSessionName } from './faults.ts';
import { FetchLines } from './fetch-lines.ts';
import type { ImapLimits } from './limits.ts';
import { searchContext } from './matching.ts';
import { grammarOf, literalLimitOf, parseCommand, readTag } from './parser.ts';
import { CommandReader, type ReaderEvent } from './reader.ts';
import { RecentSet } from './recent.ts';
import { SearchUpdates } from './search-updates.ts';
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

/**
 * Another session's flag change: FLAGS alone, as Dovecot sends it; with CONDSTORE also UID and MODSEQ
 * (RFC 7162 3.2); with IMAP4rev2 always UID (RFC 9051 7.5.2).
 */
const FLAG_UPDATE: FetchAttribute[] = [{ kind: 'FLAGS' }];
const FLAG_UPDATE_UID: FetchAttribute[] = [{ kind: 'UID' }, { kind: 'FLAGS' }];
const FLAG_UPDATE_MODSEQ: FetchAttribute[] = [{ kind: 'UID' }, { kind: 'FLAGS' }, { kind: 'MODSEQ' }];

/** The command being run, as the session needs to know it: to label its reply and to hold expunges. */
interface Running {
  tag: string;
  parsed: ParsedCommand<Command>;
}

interface Waiting extends Running {
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
  readonly #record: SessionRecorder;
  /** The server's output as transcript lines (literals summarised). */
  readonly #serverLines: LiteralLines;
  #waiting: Waiting | null = null;
  /** The transcript text already shown of the command being read: a `+` for its literal made it show early. */
  #shown: string | null = null;
  #afterReply: Array<() => void> = [];
  #current: Running | null = null;
  /** The store as the logged-in login sees it; null before login. */
  #store: LoginStore | null = null;
  readonly #fetchLines: FetchLines;
  readonly #contexts: ContextByAccess;
  #paused = false;
  /** A command is running in slices (ctx.inSlices): read nothing more until it has replied. */
  #slicing = false;
  #processing = false;
  #pushScheduled = false;
  /** A fault rule's delay holds this command: read nothing more until it has run. */
  #delaying = false;
  readonly #name = imapSessionName();

  /** Runs work the session starts by itself (IDLE pushes) the way the server runs socket events. */
  readonly #guarded: (action: () => void) => void;

  constructor(
    deps: ServerDeps,
    transport: Transport,
    guarded: (action: () => void) => void,
    limits: ImapLimits,
    slices: SliceQueue,
    record: SessionRecorder = NO_RECORDER,
  ) {
    this.#deps = deps;
    this.#record = record;
    this.#serverLines = new LiteralLines((line) => record.server(line));
    this.#slices = slices;
    this.#limits = limits;
    this.#transport = transport;
    this.#guarded = guarded;
    this.data = { state: 'not-authenticated', login: null, selected: null, condstore: false, qresync: false, imap4rev2: false, utf8: false, secure: transport.secure };
    const maxMessage = deps.config.maxMessageSize;
    this.#reader = new CommandReader({
      maxLine: MAX_LINE,
      maxLiteral: (firstLine) => {
        // Before login nothing may be big: this bound is what keeps an anonymous APPEND from filling memory.
        if (this.data.state === 'not-authenticated') return limits.maxLiteralBeforeLogin;
        return literalLimitOf(firstLine) === 'message' ? maxMessage : MAX_SMALL_LITERAL;
      },
      // MULTIAPPEND (RFC 3502) holds several messages, each within the limit above, all in memory until stored.
      maxCommand: (firstLine) => {
        if (this.data.state === 'not-authenticated') return limits.maxLiteralBeforeLogin + 4 * MAX_LINE;
        return literalLimitOf(firstLine) === 'message' ? multiAppendLimit(deps.config) : MAX_SMALL_LITERAL + 4 * MAX_LINE;
      },
    });
    this.#fetchLines = new FetchLines(this.#out, this.data);
    this.#contexts = this.#createContexts();
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
    this.#record.ending('timeout');
    this.#out.text(`* BYE Autologout; ${reason}\r\n`);
    this.#finish();
  }

  /** The server is shutting down. */
  shutdown(): void {
    this.#record.ending('shutdown');
    this.#out.text('* BYE mailsandbox shutting down\r\n');
    this.#finish();
  }

  /** The connection is gone: let go of the store. */
  closed(): void {
    this.#record.end('dropped');
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
      while (!this.#paused && !this.#slicing && !this.#delaying && this.data.state !== 'logout') {
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
      // The client waits for "+": what it sent so far goes in the transcript before it, as on the wire.
      // (Not an answer to a "+" of ours, such as AUTHENTICATE's: that is masked whole once complete.)
      if (this.#record.wantsLines && !this.#waiting) this.#clientLine(maskImap(summarizeCommand(event.sofar)), true);
      this.#out.text('+ Ready for literal data\r\n');
      return;
    }
    if (event.kind === 'too-big') {
      this.#shown = null;
      this.#record.client(this.#record.wantsLines ? `${maskImap(summarizeCommand(event.start))} [dropped: too long]` : '');
      const tag = this.#waiting?.tag ?? readTag(event.start);
      this.#waiting = null;
      if (event.what === 'line') return void this.#out.text(errorReply(tag, bad('command line too long')));
      // A too-big literal is refused with NO [TOOBIG] (RFC 7888) before the client sends it. Before
      // login, one sent without waiting for `+` ends the connection: reading it would be the attack.
      const name = commandNameOf(event.start);
      const when = this.data.state === 'not-authenticated' ? ' before login' : '';
      this.#out.text(errorReply(tag, no(`${event.what} larger than allowed (${event.limit} bytes for ${name}${when})`, 'TOOBIG')));
      if (!event.synchronizing && this.data.state === 'not-authenticated') {
        this.#record.ending('refused');
        this.#out.text('* BYE literal too big before login\r\n');
        this.#finish();
      }
      return;
    }
    if (this.#waiting) {
      const waiting = this.#waiting;
      // The answer to AUTHENTICATE's "+" is the credential itself.
      const secret = waiting.parsed.spec.name === 'AUTHENTICATE';
      this.#record.client(this.#record.wantsLines ? (secret ? MASK : summarizeCommand(event.data)) : '');
      this.#waiting = null;
      this.#run(waiting, () => waiting.onLine(event.data));
      return;
    }
    // An empty line (a telnet user pressing Enter) is no command and gets no answer.
    if (!event.data.length) return;
    if (this.#record.wantsLines) this.#clientLine(maskImap(summarizeCommand(event.data)), false);
    else this.#record.client('');
    const result = parseCommand(event.data, grammarOf(this.data));
    if ('error' in result) {
      this.#deps.metrics?.command('unknown');
      this.#out.text(errorReply(result.tag, result.error));
      return;
    }
    this.#dispatch(result);
  }

  /**
   * A command's transcript line; one whose literal waited for "+" was partly shown already, and only
   * the rest goes in (the whole line again when masking changed what was shown).
   */
  #clientLine(text: string, more: boolean): void {
    const shown = this.#shown;
    this.#shown = more ? text : null;
    if (shown === null || !text.startsWith(shown)) this.#record.client(text);
    else if (text.length > shown.length) this.#record.client(text.slice(shown.length));
  }

  /** Checks the state the command's spec asks for and runs its handler in the matching context. */
  #dispatch(running: Running): void {
    const { spec } = running.parsed;
    this.#deps.metrics?.command(spec.name);
    if (!STATES_BY_ACCESS[spec.access].includes(this.data.state)) {
      const why = this.data.state === 'not-authenticated' ? 'log in first' : this.data.state === 'authenticated' ? 'select a mailbox first' : 'not valid now';
      this.#out.text(errorReply(running.tag, bad(`${spec.name}: ${why}`)));
      return;
    }
    const fault = commandFault(this.#deps.faults, running.parsed, this.#name, this.#record);
    if (fault) return this.#applyFault(running, fault);
    this.#run(running, () => running.parsed.run(this.#contexts));
  }

  /** A fault rule fired for this command: refuse it, end the connection, or run it later. */
  #applyFault(running: Running, action: FaultAction): void {
    switch (action.kind) {
      case 'no':
        return void this.#out.text(errorReply(running.tag, no(action.text ?? FAULT_TEXT, action.code)));
      case 'bad':
        return void this.#out.text(errorReply(running.tag, bad(action.text ?? FAULT_TEXT)));
      case 'bye':
        this.#record.ending('fault');
        this.#out.text(`* BYE ${action.text ?? 'mailsandbox fault rule: closing'}\r\n`);
        return this.#finish();
      case 'drop':
        this.#record.ending('fault');
        return this.#finish();
      case 'delay':
        this.#delaying = true;
        setTimeout(
          () =>
            this.#guarded(() => {
              this.#delaying = false;
              if (this.data.state === 'logout') return;
              this.#run(running, () => running.parsed.run(this.#contexts));
              this.#writeOut();
              this.#process();
            }),
          action.ms,
        );
        return;
      default:
        // The parser gives IMAP rules only IMAP actions; anything else lets the command run.
        return this.#run(running, () => running.parsed.run(this.#contexts));
    }
  }

  /** Runs a handler (or the rest of one, after a continuation) and writes its tagged reply. */
  #run(running: Running, handler: () => HandlerResult): void {
    const { tag, parsed } = running;
    const stateBefore = this.data.state;
    let result: HandlerResult;
    this.#current = running;
    try {
      result = handler();
    } catch (err) {
      if (err instanceof FaultFired) return this.#applyFault(running, err.action);
      if (!isRefusal(err)) this.#deps.log.error('IMAP command failed', { command: parsed.spec.name, error: errorText(err) });
      if (isAuthenticationFailure(err)) this.#deps.metrics?.authFailed();
      this.#reportUpdates(parsed);
      this.#out.text(errorReply(tag, err));
      return;
    } finally {
      this.#current = null;
    }
    if (result === PENDING) return;
    // After LOGOUT's BYE nothing but the tagged OK may follow.
    if (parsed.spec.name !== 'LOGOUT') this.#reportUpdates(parsed);
    const reply = result ?? {};
    this.#out.text(`${tag} OK ${reply.code ? `[${reply.code}] ` : ''}${reply.text ?? `${commandLabel(parsed)} completed`}\r\n`);
    if (this.data.state !== stateBefore) this.#stateChanged(stateBefore);
    const actions = this.#afterReply;
    this.#afterReply = [];
    for (const action of actions) action();
  }

  #stateChanged(before: SessionState): void {
    if (before === 'not-authenticated' && this.data.state !== 'logout') this.#transport.setIdleTimeout(this.#limits.authenticatedTimeoutMs);
  }

  /** Writes what changed in the selected mailbox; expunges are held back during FETCH, STORE and SEARCH (RFC 3501 7.4.1). */
  #reportUpdates(running: ParsedCommand | null): void {
    const selected = this.data.selected;
    if (!selected) return;
    this.#fetchLines.announceNewKeywords(selected);
    if (!selected.view.hasUpdates) return this.#reportSearchUpdates(selected);
    const { view, recent } = selected;
    const numbersMustHold = running !== null && running.spec.holdsExpunges && !running.uid;
    const attributes = this.data.condstore ? FLAG_UPDATE_MODSEQ : this.data.imap4rev2 ? FLAG_UPDATE_UID : FLAG_UPDATE;
    // IMAP4rev2 has no \Recent, so no RECENT counts either (RFC 9051 Appendix E 12).
    const reportsRecent = !this.data.imap4rev2;
    const updates = view.takeUpdates(!numbersMustHold);
    // A search kept updated hears of its expunged hits while their numbers still hold (RFC 5267 4.3).
    if (selected.searchUpdates.size) {
      const gone = updates.flatMap((update) => (update.kind === 'expunge' ? [update] : []));
      for (const line of selected.searchUpdates.removed(gone)) this.#out.text(`* ${line}\r\n`);
    }
    // Removals come first; with QRESYNC they go as one VANISHED line of UIDs (RFC 7162 3.2.10).
    if (this.data.qresync) {
      const gone = updates.flatMap((update) => (update.kind === 'expunge' ? [update.uid] : []));
      if (gone.length) this.#out.text(`* VANISHED ${formatSequenceSet(gone.sort((a, b) => a - b))}\r\n`);
    }
    for (const update of updates) {
      if (update.kind !== 'expunge') continue;
      recent.forget(update.id);
      selected.expungedFlags.delete(update.id);
      if (!this.data.qresync) this.#out.text(`* ${update.seq} EXPUNGE\r\n`);
    }
    // RECENT goes with the EXISTS that follows, if one does; either way only when its count moved.
    const recentLine = () => {
      const line = reportsRecent ? recent.update() : null;
      if (line) this.#out.text(`* ${line}\r\n`);
    };
    if (!updates.some((update) => update.kind === 'exists')) recentLine();
    for (const update of updates) {
      if (update.kind === 'exists') {
        recent.learn(update.arrived);
        this.#out.text(`* ${update.count} EXISTS\r\n`);
        recentLine();
      } else if (update.kind === 'flags') {
        this.#fetchLines.write(selected, update.seq, update.message, attributes);
      }
    }
    this.#reportSearchUpdates(selected);
  }

  /** ADDTO / REMOVEFROM for the searches kept updated, once the client knows every message they name. */
  #reportSearchUpdates(selected: Selected): void {
    if (!selected.searchUpdates.size) return;
    for (const line of selected.searchUpdates.changed(selected.view, searchContext(selected))) this.#out.text(`* ${line}\r\n`);
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
    const pieces = this.#out.takePieces();
    if (this.#record.wantsLines) for (const piece of pieces) this.#serverLines.push(piece);
    if (!this.#transport.write(pieces) && !this.#paused) {
      this.#paused = true;
      this.#transport.pauseInput();
    }
  }

  #capabilities(): string {
    const { config } = this.#deps;
    return capabilityList(this.data, { available: this.#deps.tls !== null, required: config.tlsRequired }, config.maxMessageSize);
  }

  #logIn(user: string): Login {
    // LOGIN met its rules before it ran; AUTHENTICATE learns the user only now. A delay here has nothing left to hold.
    const fault = this.#current?.parsed.spec.name === 'AUTHENTICATE' ? this.#deps.faults?.check('imap', 'login', user, this.#name, this.#record) : null;
    if (fault && fault.kind !== 'delay') throw new FaultFired(fault);
    const login = loginFor(user);
    this.data.login = login;
    this.#record.loggedIn(user);
    this.#store = this.#deps.store.forLogin(login);
    this.data.state = 'authenticated';
    return login;
  }

  #select(folder: Folder, readOnly: boolean): Selected {
    this.#deselect();
    const view = this.#loggedIn().openView(folder);
    view.onChange = () => this.#onViewChange();
    // A session without \Recent (IMAP4rev2) takes it from no other session, as EXAMINE does not.
    const recent = new RecentSet(this.#loggedIn(), folder, !readOnly && !this.data.imap4rev2);
    recent.learn(view.numbered);
    const selected: Selected = { folder, view, announcedKeywords: 0, expungedFlags: new Map(), readOnly, recent, savedResult: new Set(), searchUpdates: new SearchUpdates() };
    this.data.selected = selected;
    this.data.state = 'selected';
    return selected;
  }

  #deselect(): void {
    this.data.selected?.view.close();
    this.data.selected = null;
    if (this.data.state === 'selected') this.data.state = 'authenticated';
  }

  #loggedIn(): LoginStore {
    if (!this.#store) throw new Error('no store before login');
    return this.#store;
  }

  /**
   * One context per session (not per command): handlers read the command being run from #current.
   * It serves every state; what a handler may touch is narrowed by its spec's access (the types of
   * ContextByAccess), and its getters read the store and the selected mailbox when a handler asks,
   * after dispatch has checked the state.
   */
  #createContexts(): ContextByAccess {
    const session = this;
    const context: SelectedContext = {
      ...this.#createContext(),
      get login() {
        return session.#loggedIn().login;
      },
      get store() {
        return session.#loggedIn();
      },
      fetchLines: this.#fetchLines,
      select: (folder, readOnly) => this.#select(folder, readOnly),
      deselect: () => this.#deselect(),
      get selected() {
        if (!session.data.selected) throw new Error('no mailbox selected');
        return session.data.selected;
      },
    };
    return { any: context, 'not-authenticated': context, authenticated: context, selected: context };
  }

  #createContext(): CommandContext {
    const current = () => {
      if (!this.#current) throw new Error('no command running');
      return this.#current;
    };
    return {
      deps: protocolDeps(this.#deps),
      session: this.data,
      out: this.#out,
      untagged: (text) => void this.#out.text(`* ${text}\r\n`),
      spill: () => {
        if (this.#out.size >= CHUNK) this.#writeOut();
      },
      capabilities: () => this.#capabilities(),
      record: this.#record,
      logIn: (user) => this.#logIn(user),
      awaitLine: (prompt, onLine, options = {}) => {
        this.#waiting = { ...current(), onLine, pushUpdates: options.pushUpdates ?? false };
        this.#out.text(`+ ${prompt}\r\n`);
        if (options.pushUpdates) this.#reportUpdates(null);
        return PENDING;
      },
      inSlices: (step, finish) => {
        const running = current();
        this.#slicing = true;
        let more = true;
        const slice = () => {
          if (this.data.state === 'logout') return void (more = false);
          this.#run(running, () => {
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
      tag: () => current().tag,
      afterReply: (action) => void this.#afterReply.push(action),
      startTls: () => {
        this.#writeOut();
        this.#reader.reset();
        this.#transport.startTls();
        this.data.secure = true;
        this.#record.secured();
      },
      end: () => this.#finish(),
    };
  }
}

/** A whole APPEND, all its messages: four of the largest, and never more than the store keeps. */
function multiAppendLimit(config: ServerDeps['config']): number {
  return Math.min(config.maxBytes, 4 * config.maxMessageSize) + 4 * MAX_LINE;
}

function commandLabel(parsed: ParsedCommand): string {
  return parsed.uid ? `UID ${parsed.spec.name}` : parsed.spec.name;
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
