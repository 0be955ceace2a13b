// What a recorded connection looks like over HTTP and in the UI. Plain JSON data; imports nothing.

export type SessionProtocol = 'smtp' | 'imap' | 'pop3';

/** How a session ended: the client said goodbye, went away, idled out, was refused, or the server stopped. */
export type SessionEnd = 'quit' | 'dropped' | 'timeout' | 'refused' | 'fault' | 'cap' | 'shutdown' | 'error';

export type LineDirection = 'client' | 'server';

export interface SessionSummary {
  id: number;
  protocol: SessionProtocol;
  clientAddress: string;
  clientPort: number;
  tls: boolean;
  login: string | null;
  /** From IMAP ID (name and version) or the SMTP EHLO/HELO argument. */
  clientName: string | null;
  startedAt: string;
  endedAt: string | null;
  state: 'active' | 'ended';
  ended: SessionEnd | null;
  commands: number;
  actionCount: number;
  /** Transcript lines kept. */
  lines: number;
  /** The transcript reached --max-transcript; later lines were not kept. */
  transcriptCut: boolean;
}

export interface TranscriptLine {
  /** The line's place in the transcript, from 0: a live line and a fetched transcript join on it. */
  n: number;
  at: string;
  direction: LineDirection;
  /** Secrets masked as ***; literals and message data as {N bytes}. */
  text: string;
}

export interface SessionAction {
  at: string;
  /** In words, with message ids: "moved #12 to Archive as #31". */
  text: string;
  messageIds: number[];
}

export interface SessionDetail extends SessionSummary {
  transcript: TranscriptLine[];
  actions: SessionAction[];
  /** Lines and bytes seen after the transcript was cut. */
  cutLines: number;
}

/** One thing a session did to a message, as the message's history shows it. */
export interface MessageHistoryEntry {
  at: string;
  text: string;
  sessionId: number;
  protocol: SessionProtocol;
  /** Where the session came from, as in its summary. */
  clientAddress: string;
  clientPort: number;
  login: string | null;
  clientName: string | null;
}
