// What a command handler gets: the session's state it may change, the store, and ways to answer.
// Handlers return the tagged OK's code/text (or PENDING when the reply comes later) and throw
// ImapError to refuse; the session writes the tagged line.
import type { ServerDeps } from '../deps.ts';
import type { Login } from '../store/message.ts';
import type { FolderState } from '../store/store.ts';
import type { MailboxView } from '../store/view.ts';
import type { Command, CommandName } from './command.ts';
import type { Output } from './encoder.ts';
import type { RecentSet } from './recent.ts';

export type SessionState = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

export interface Selected {
  view: MailboxView;
  /** The folder as it was when selected (a RENAME replaces it; the view then reports it gone). */
  folder: FolderState;
  /** How many of the folder's keywords this session has been told of in FLAGS. */
  announcedKeywords: number;
  readOnly: boolean;
  /** The messages that are \Recent in this session. */
  recent: RecentSet;
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

export interface CommandContext {
  readonly deps: ServerDeps;
  readonly session: SessionData;
  /** Response text is written here; `* ` lines with `untagged`, values with `out.value`. */
  readonly out: Output;
  /** Writes `* <text>\r\n`. */
  untagged(text: string): void;
  /** Hands a large response to the socket part by part. */
  spill(): void;
  capabilities(): string;
  /** Opens `folder` as the selected mailbox (closing any other). */
  select(folder: string, readOnly: boolean): Selected;
  /** Leaves the selected state without reporting anything. */
  deselect(): void;
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

/** The command shapes that can carry one of the names N (COPY and MOVE share a shape). */
export type CommandOf<N extends CommandName> = Command extends infer C
  ? C extends { name: infer M }
    ? [N & M] extends [never]
      ? never
      : C
    : never
  : never;

export interface CommandSpec<N extends CommandName = CommandName> {
  names: readonly N[];
  states: readonly SessionState[];
  handle(ctx: CommandContext, command: CommandOf<N>): HandlerResult;
}

export const AUTHENTICATED: readonly SessionState[] = ['authenticated', 'selected'];
export const SELECTED: readonly SessionState[] = ['selected'];
export const ANY_STATE: readonly SessionState[] = ['not-authenticated', 'authenticated', 'selected'];
export const NOT_AUTHENTICATED: readonly SessionState[] = ['not-authenticated'];

/** The selected mailbox; the command's states already guarantee there is one. */
export function selectedOf(ctx: CommandContext): Selected {
  const selected = ctx.session.selected;
  if (!selected) throw new Error('no mailbox selected');
  return selected;
}
