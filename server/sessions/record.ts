// One session's record: facts, a transcript bounded by bytes (cut, and saying so, once full), and
// its actions (bounded by count). Timestamps are kept as numbers and turned into ISO text on read.
// A multi-line reply (SMTP's EHLO answer) is one transcript entry, its lines joined by CRLF; lines
// become objects only when they are read.
import type { SessionRecorder } from './recorder.ts';
import { Transcript } from './transcript.ts';
import type { LineDirection, SessionAction, SessionDetail, SessionEnd, SessionProtocol, SessionSummary, TranscriptLine } from './types.ts';

/** Past this many actions a session keeps counting but stores no more. */
export const MAX_ACTIONS = 5000;
/**
 * Message ids one session's actions may name in all (a FETCH 1:* names every message): past it,
 * actions keep their words but name no ids, so they add nothing to message histories.
 */
export const MAX_NAMED_IDS = 20_000;
/** Counted per line against --max-transcript besides the text: about what its number, timestamp and direction take in JSON. */
const LINE_OVERHEAD = 72;
const NO_ACTIONS: readonly Action[] = Object.freeze([]);

export interface Line {
  /** Its index in the record's lines, which are only ever appended to. */
  n: number;
  at: number;
  direction: LineDirection;
  text: string;
}

export interface Action {
  /** Its place among every session's actions, so a message's history reads in the order things happened. */
  seq: number;
  at: number;
  text: string;
  messageIds: readonly number[];
}

export interface RecordHooks {
  /** Lines are kept (--session-log full). */
  keepLines: boolean;
  maxTranscript: number;
  changed(record: SessionRecord): void;
  /** The record kept an entry (see newestLines). */
  kept(record: SessionRecord): void;
  /** The next action's seq. */
  nextSeq(): number;
  /** The record kept one more action. */
  acted(record: SessionRecord): void;
  ended(record: SessionRecord): void;
}

export class SessionRecord implements SessionRecorder {
  readonly startedAt = Date.now();
  endedAt: number | null = null;
  ended: SessionEnd | null = null;
  login: string | null = null;
  clientName: string | null = null;
  commands = 0;
  actionCount = 0;
  /** Made when the first action is kept: most SMTP sessions keep one, many IMAP and POP3 sessions none. */
  #actions: Action[] | null = null;
  cutLines = 0;
  /** Dropped from the registry while still connected: nothing can read it any more, so it only counts. */
  dropped = false;
  /** Only under --session-log full. */
  readonly #transcript: Transcript | null;
  #lineCount = 0;
  #bytes = 0;
  #cut = false;
  #ending: SessionEnd | null = null;
  #namedIds = 0;

  constructor(
    readonly id: number,
    readonly protocol: SessionProtocol,
    readonly clientAddress: string,
    readonly clientPort: number,
    public tls: boolean,
    private readonly hooks: RecordHooks,
  ) {
    this.#transcript = hooks.keepLines ? new Transcript() : null;
  }

  get actions(): readonly Action[] {
    return this.#actions ?? NO_ACTIONS;
  }

  get wantsLines(): boolean {
    return this.hooks.keepLines && !this.#cut && this.ended === null && !this.dropped;
  }

  client(text: string): void {
    this.commands++;
    this.#line('client', text);
    this.hooks.changed(this);
  }

  /** One reply line, or several joined by CRLF. */
  server(text: string): void {
    this.#line('server', text);
  }

  action(text: string, messageIds: readonly number[]): void {
    if (this.ended !== null) return;
    this.actionCount++;
    if (this.dropped || this.actions.length >= MAX_ACTIONS) return;
    const named = this.#namedIds + messageIds.length <= MAX_NAMED_IDS ? messageIds : [];
    this.#namedIds += named.length;
    const action: Action = { seq: this.hooks.nextSeq(), at: Date.now(), text, messageIds: named };
    if (this.#actions) this.#actions.push(action);
    else this.#actions = [action];
    this.hooks.acted(this);
    this.hooks.changed(this);
  }

  loggedIn(login: string): void {
    this.login = login;
    this.hooks.changed(this);
  }

  named(clientName: string): void {
    this.clientName = clientName.slice(0, 200);
    this.hooks.changed(this);
  }

  secured(): void {
    this.tls = true;
    this.hooks.changed(this);
  }

  ending(how: SessionEnd): void {
    this.#ending ??= how;
  }

  end(how: SessionEnd): void {
    if (this.ended !== null) return;
    this.ended = this.#ending ?? how;
    this.endedAt = Date.now();
    this.#transcript?.seal();
    this.hooks.ended(this);
  }

  summary(): SessionSummary {
    return {
      id: this.id,
      protocol: this.protocol,
      clientAddress: this.clientAddress,
      clientPort: this.clientPort,
      tls: this.tls,
      login: this.login,
      clientName: this.clientName,
      startedAt: new Date(this.startedAt).toISOString(),
      endedAt: this.endedAt === null ? null : new Date(this.endedAt).toISOString(),
      state: this.ended === null ? 'active' : 'ended',
      ended: this.ended,
      commands: this.commands,
      actionCount: this.actionCount,
      lines: this.#lineCount,
      transcriptCut: this.#cut,
    };
  }

  detail(): SessionDetail {
    const transcript: TranscriptLine[] = [];
    let n = 0;
    const kept = this.#transcript;
    for (let entry = 0; kept && entry < kept.size; entry++) {
      const lines = this.#linesOf(kept, entry, n);
      for (const line of lines) transcript.push(lineJson(line));
      n += lines.length;
    }
    return { ...this.summary(), transcript, actions: this.actions.map(actionJson), cutLines: this.cutLines };
  }

  /** The lines the last entry kept. */
  newestLines(): Line[] {
    const kept = this.#transcript;
    return kept && kept.size ? this.#linesOf(kept, kept.size - 1) : [];
  }

  /** The lines of one entry, numbered from `first`; without it, the entry is the newest. */
  #linesOf(kept: Transcript, entry: number, first?: number): Line[] {
    const { at, direction, text } = kept.entry(entry);
    const parts = text.includes('\r\n') ? text.split('\r\n') : [text];
    const from = first ?? this.#lineCount - parts.length;
    return parts.map((part, i) => ({ n: from + i, at, direction, text: part }));
  }

  #line(direction: LineDirection, text: string): void {
    const kept = this.#transcript;
    if (!kept || this.ended !== null || this.dropped) return;
    const lines = lineCount(text);
    if (this.#cut) {
      this.cutLines += lines;
      return;
    }
    const size = text.length + lines * LINE_OVERHEAD;
    if (this.#bytes + size > this.hooks.maxTranscript) {
      this.#cut = true;
      this.cutLines += lines;
      this.#keep(kept, 'server', `[transcript cut: --max-transcript ${this.hooks.maxTranscript} bytes reached; later lines are not kept]`, 1);
      return;
    }
    this.#bytes += size;
    this.#keep(kept, direction, text, lines);
  }

  #keep(kept: Transcript, direction: LineDirection, text: string, lines: number): void {
    kept.add(direction, Date.now(), text);
    this.#lineCount += lines;
    this.hooks.kept(this);
  }
}

/** How many lines an entry holds: one more than its CRLFs. */
function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\r\n'); at !== -1; at = text.indexOf('\r\n', at + 2)) count++;
  return count;
}

export function lineJson(line: Line): TranscriptLine {
  return { n: line.n, at: new Date(line.at).toISOString(), direction: line.direction, text: line.text };
}

function actionJson(action: Action): SessionAction {
  return { at: new Date(action.at).toISOString(), text: action.text, messageIds: [...action.messageIds] };
}
