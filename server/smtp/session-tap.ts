// SMTP sessions for the session record. smtp-server gives no raw lines, but it hands every command
// (credentials already replaced), every reply, each DATA's size and each close to its logger, with
// the connection's id: this tap turns those into transcript lines and facts, then passes each call
// on to the next logger (the metrics tap). The record is opened in onConnect, which knows the port.
import type { LogEntry, Logger } from 'nodemailer/lib/shared';
import type { SMTPServerSession } from 'smtp-server';
import { maskSmtp, NO_RECORDER, type SessionRecorder, type SessionRegistry } from '../sessions/index.ts';

type LogCall = (entry?: LogEntry | string, label?: string, ...rest: unknown[]) => void;

const ignore: LogCall = () => {};
const CLIENT_NAMED = /^(?:EHLO|HELO|LHLO) +(\S+)/i;

export class SmtpSessionTap {
  readonly #records = new Map<string, SessionRecorder>();

  constructor(private readonly registry: SessionRegistry) {}

  opened(session: SMTPServerSession): void {
    this.#records.set(session.id, this.registry.open('smtp', session.remoteAddress, session.remotePort, session.secure));
  }

  of(sessionId: string): SessionRecorder {
    return this.#records.get(sessionId) ?? NO_RECORDER;
  }

  logger(next: Logger | null): Logger {
    const pass = (level: keyof Logger): LogCall => (next ? (next[level] as LogCall).bind(next) : ignore);
    const nextDebug = pass('debug');
    const nextInfo = pass('info');
    return {
      debug: (entry, label, ...rest) => {
        if (typeof entry === 'object') this.#debug(entry, rest[0]);
        nextDebug(entry, label, ...rest);
      },
      info: (entry, label, ...rest) => {
        if (typeof entry === 'object') this.#info(entry);
        nextInfo(entry, label, ...rest);
      },
      trace: pass('trace'),
      warn: pass('warn'),
      error: pass('error'),
      fatal: pass('fatal'),
    };
  }

  #debug(entry: LogEntry, line: unknown): void {
    const record = this.#records.get(String(entry.cid));
    if (!record) return;
    if (entry.tnx === 'command' && typeof line === 'string') {
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'QUIT') record.ending('quit');
      const named = CLIENT_NAMED.exec(line);
      if (named) record.named(named[1]);
      record.client(record.wantsLines ? maskSmtp(line) : '');
    } else if (entry.tnx === 'send' && typeof line === 'string') {
      if (line.startsWith('421')) record.ending(/timeout/i.test(line) ? 'timeout' : /shutting down/i.test(line) ? 'shutdown' : 'refused');
      if (record.wantsLines) for (const part of line.split('\r\n')) record.server(part);
    } else if (entry.tnx === 'data' && entry.bytes !== undefined && record.wantsLines) {
      record.client(`{${Number(entry.bytes)} bytes}`);
    }
  }

  #info(entry: LogEntry): void {
    const record = this.#records.get(String(entry.cid));
    if (!record) return;
    if (entry.tnx === 'starttls') record.secured();
    else if (entry.tnx === 'close') {
      record.end('dropped');
      this.#records.delete(String(entry.cid));
    }
  }
}
