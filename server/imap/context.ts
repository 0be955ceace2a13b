// What a command handler gets: the session's state it may change, its login's store, and ways to
// answer. Handlers return the tagged OK's code/text (or PENDING when the reply comes later) and
// throw ImapError to refuse; the session writes the tagged line. No context holds the MessageStore:
// a logged-in command gets a LoginStore, the store as its login sees it.
import type { SessionRecorder } from '../sessions/index.ts';
import type { ProtocolDeps } from '../deps.ts';
import type { Folder, LoginStore } from '../store/login.ts';
import type { Login } from '../store/message.ts';
import type { MailboxView } from '../store/view.ts';
import type { Output } from './encoder.ts';
import type { FetchLines } from './fetch-lines.ts';
import type { Scanner } from './parse/scanner.ts';
import type { RecentSet } from './recent.ts';
import type { SearchUpdates } from './search-updates.ts';

export type SessionState = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

export interface Selected {
  /** The folder as it was when selected (a RENAME replaces it; the view then reports it gone). */
  folder: Folder;
  view: MailboxView;
  /** How many of the folder's keywords this session has been told of in FLAGS. */
  announcedKeywords: number;
  /**
   * Flags this session STOREd on messages another session expunged, which it still numbers: the
   * store no longer has them, so the session keeps what it was told until it hears of the expunge.
   */
  readonly expungedFlags: Map<number, ReadonlySet<string>>;
  readOnly: boolean;
  /** The messages that are \Recent in this session. */
  recent: RecentSet;
  /**
   * `$` (RFC 5182): the UIDs the last SEARCH or SORT RETURN (SAVE) kept, empty after SELECT. UIDs,
   * not numbers: an expunged message simply is no longer in the view to be named.
   */
  savedResult: ReadonlySet<number>;
  /** The searches kept running with SEARCH RETURN (UPDATE) (RFC 5267 4); they end with the selection. */
  readonly searchUpdates: SearchUpdates;
}

/** The session's state as commands see it. */
export interface SessionData {
  state: SessionState;
  login: Login | null;
  selected: Selected | null;
  /** RFC 7162: once CONDSTORE is enabled, flag updates carry MODSEQ. */
  condstore: boolean;
  /** RFC 7162: once QRESYNC is enabled, expunges are reported as VANISHED. */
  qresync: boolean;
  /**
   * RFC 9051: once IMAP4rev2 is enabled the session speaks it: no \Recent, ESEARCH for every SEARCH,
   * UTF-8 mailbox names, UID in unsolicited FETCH, and what RFC 9051 removed is a syntax error.
   */
  imap4rev2: boolean;
  /** RFC 6855: once UTF8=ACCEPT is enabled, mailbox names and strings are UTF-8 both ways. */
  utf8: boolean;
  /** Becomes true after STARTTLS. */
  secure: boolean;
}

export interface Reply {
  /** Response code without brackets, e.g. `APPENDUID 123 45`. */
  code?: string;
  text?: string;
}

/** Returned by a handler that answers later (IDLE, AUTHENTICATE waiting for the client's line, a command run in slices). */
export const PENDING = Symbol('pending');

export type HandlerResult = Reply | void | typeof PENDING;

/** What every command may use, in any state. */
export interface CommandContext {
  readonly deps: ProtocolDeps;
  readonly session: SessionData;
  /** Response text is written here; `* ` lines with `untagged`, values with `out.value`. */
  readonly out: Output;
  /** Writes `* <text>\r\n`. */
  untagged(text: string): void;
  /** The tag of the command being run (ESEARCH quotes it, RFC 4731). */
  tag(): string;
  /** Hands a large response to the socket part by part. */
  spill(): void;
  capabilities(): string;
  /** This connection's session record: commands report what they did to which messages. */
  readonly record: SessionRecorder;
  /** The credentials checked out: the session acts as `user` from now on. */
  logIn(user: string): Login;
  /** Sends `+ <prompt>` and passes the client's next line to `onLine`, which gives the tagged reply. */
  awaitLine(prompt: string, onLine: (line: Buffer) => Reply | void, options?: { pushUpdates?: boolean }): typeof PENDING;
  /**
   * Runs a long command in slices on later turns of the event loop, so other sessions' commands are
   * answered in between (one process serves every session). `step` does a bounded piece of work and
   * says whether it is done; `finish` then writes the result and gives the tagged reply. This
   * session reads no further command, and its mailbox numbering stays put, until then.
   */
  inSlices(step: () => boolean, finish: () => Reply | void): typeof PENDING;
  /** Runs once the tagged reply has been written (STARTTLS, LOGOUT). */
  afterReply(action: () => void): void;
  /** Starts TLS on the connection (after the OK has been written). */
  startTls(): void;
  /** Ends the connection once everything written has been sent. */
  end(): void;
}

/** A logged-in session's context. */
export interface AuthenticatedContext extends CommandContext {
  readonly login: Login;
  /** The store as this login sees it. */
  readonly store: LoginStore;
  /** Writes `* n FETCH (...)` lines, announcing keywords the session has not been told of. */
  readonly fetchLines: FetchLines;
  /** Opens `folder` as the selected mailbox (closing any other). */
  select(folder: Folder, readOnly: boolean): Selected;
  /** Leaves the selected state without reporting anything. */
  deselect(): void;
}

/** A session with a mailbox selected. */
export interface SelectedContext extends AuthenticatedContext {
  readonly selected: Selected;
}

/** The states a command is valid in, and the context its handler gets there. */
export interface ContextByAccess {
  any: CommandContext;
  'not-authenticated': CommandContext;
  authenticated: AuthenticatedContext;
  selected: SelectedContext;
}

export type Access = keyof ContextByAccess;

export const STATES_BY_ACCESS: Record<Access, readonly SessionState[]> = {
  any: ['not-authenticated', 'authenticated', 'selected'],
  'not-authenticated': ['not-authenticated'],
  authenticated: ['authenticated', 'selected'],
  selected: ['selected'],
};

/** The largest literal a command's arguments may carry: a whole message, or a small string. */
export type LiteralLimit = 'message' | 'small';

/**
 * One IMAP command, all of it: its name, the states it is valid in, its argument grammar, whether
 * it has a UID form, whether it holds expunge responses back, its literal limit, and its handler.
 */
export interface CommandSpec<C extends { name: string }, A extends Access> {
  readonly name: C['name'];
  readonly access: A;
  /** `UID <name>` exists too (RFC 3501 6.4.8); `parse` is told which form it reads. */
  readonly uidForm?: boolean;
  /**
   * Sequence numbers must not shift while it runs, so EXPUNGE responses wait for a later command
   * (RFC 3501 7.4.1); its UID form is free of that.
   */
  readonly holdsExpunges?: boolean;
  readonly literalLimit?: LiteralLimit;
  /** Reads the arguments after the name (the scanner stands just past it) into the typed command. */
  parse(s: Scanner, uid: boolean): C;
  handle(ctx: ContextByAccess[A], command: C): HandlerResult;
}

/** A parsed command, ready to run in the context its spec asks for. */
export interface ParsedCommand<C extends { name: string } = { name: string }> {
  readonly command: C;
  readonly uid: boolean;
  readonly spec: RegisteredCommand<C>;
  run(contexts: ContextByAccess): HandlerResult;
}

/** A CommandSpec with its command type closed over, so the dispatcher needs no casts. */
export interface RegisteredCommand<C extends { name: string } = { name: string }> {
  readonly name: string;
  readonly access: Access;
  readonly uidForm: boolean;
  readonly holdsExpunges: boolean;
  readonly literalLimit: LiteralLimit;
  parse(s: Scanner, uid: boolean): ParsedCommand<C>;
}

export function defineCommand<C extends { name: string }, A extends Access>(spec: CommandSpec<C, A>): RegisteredCommand<C> {
  const registered: RegisteredCommand<C> = {
    name: spec.name,
    access: spec.access,
    uidForm: spec.uidForm ?? false,
    holdsExpunges: spec.holdsExpunges ?? false,
    literalLimit: spec.literalLimit ?? 'small',
    parse(s, uid) {
      const command = spec.parse(s, uid);
      return { command, uid, spec: registered, run: (contexts) => spec.handle(contexts[spec.access], command) };
    },
  };
  return registered;
}
