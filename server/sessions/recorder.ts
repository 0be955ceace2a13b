// What a protocol server holds for one connection: it reports lines, actions and facts; the
// registry's record keeps them. NO_RECORDER stands in under --session-log off.
import type { SessionEnd } from './types.ts';

export interface SessionRecorder {
  /** 0 for NO_RECORDER. */
  readonly id: number;
  /** Transcript lines are wanted: a server may skip the work of preparing them when false. */
  readonly wantsLines: boolean;
  /** A client line, already masked; counts as a command. With wantsLines false the text is ignored. */
  client(text: string): void;
  /** A server line, or a reply's lines joined by CRLF. */
  server(text: string): void;
  /** What a command did, in words with the ids of the messages it touched. */
  action(text: string, messageIds: readonly number[]): void;
  loggedIn(login: string): void;
  named(clientName: string): void;
  secured(): void;
  /** How the session is about to end (QUIT seen, idle timer fired); the lines until the close are still kept. First call wins. */
  ending(how: SessionEnd): void;
  /** The connection is gone: ends as `ending` said, else as `how`. The first call wins. */
  end(how: SessionEnd): void;
}

const ignore = () => {};

export const NO_RECORDER: SessionRecorder = {
  id: 0,
  wantsLines: false,
  client: ignore,
  server: ignore,
  action: ignore,
  loggedIn: ignore,
  named: ignore,
  secured: ignore,
  ending: ignore,
  end: ignore,
};
