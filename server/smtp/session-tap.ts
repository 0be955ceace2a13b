// SMTP sessions for the session record. smtp-server gives no raw lines, but it hands every command
// (credentials already replaced), every reply, each DATA's size and each close to its logger, with
// the connection's id: this tap turns those into transcript lines and facts, and counts them for
// the metrics in the same call. The record is opened in onConnect, which knows the port.
// It runs for every line of every session, so it builds nothing the record will not keep: under
// --session-log actions no line text at all, and no regex runs but on the commands that need one.
import type { LogEntry, Logger } from 'nodemailer/lib/shared';
import type { SMTPServerSession } from 'smtp-server';
import type { SmtpMetrics } from '../metrics/index.ts';
import { maskSmtp, NO_RECORDER, type SessionRecorder, type SessionRegistry } from '../sessions/index.ts';
import { countCommand, countReply } from './metrics-tap.ts';

const ignore = () => {};
const CLIENT_NAMED = /^\S+ +(\S+)/;

export class SmtpSessionTap {
  readonly #records = new Map<string, SessionRecorder>();

  constructor(private readonly registry: SessionRegistry) {}

  opened(session: SMTPServerSession): void {
    this.#records.set(session.id, this.registry.open('smtp', session.remoteAddress, session.remotePort, session.secure));
  }

  of(sessionId: string): SessionRecorder {
    return this.#records.get(sessionId) ?? NO_RECORDER;
  }

  /** smtp-server's logger: records each line, and counts it for `metrics` too when given. */
  logger(metrics: SmtpMetrics | null): Logger {
    return {
      debug: (entry?: LogEntry | string, _label?: string, line?: unknown) => {
        if (typeof entry !== 'object') return;
        if (metrics) {
          if (entry.tnx === 'command') countCommand(metrics, entry, line);
          else if (entry.tnx === 'send') countReply(metrics, line);
        }
        this.#debug(entry, line);
      },
      info: (entry?: LogEntry | string) => {
        if (typeof entry === 'object') this.#info(entry);
      },
      trace: ignore,
      warn: ignore,
      error: ignore,
      fatal: ignore,
    };
  }

  #debug(entry: LogEntry, line: unknown): void {
    const record = this.#records.get(entry.cid as string);
    if (!record) return;
    if (entry.tnx === 'command' && typeof line === 'string') {
      // smtp-server has already upper-cased the verb (and put its marker in place of a credential).
      const verb = entry.command;
      if (verb === 'QUIT') record.ending('quit');
      else if (verb === 'EHLO' || verb === 'HELO' || verb === 'LHLO') {
        const named = CLIENT_NAMED.exec(line);
        if (named) record.named(named[1]);
      }
      record.client(record.wantsLines ? maskSmtp(line) : '');
    } else if (entry.tnx === 'send' && typeof line === 'string') {
      if (line.startsWith('421')) record.ending(/timeout/i.test(line) ? 'timeout' : /shutting down/i.test(line) ? 'shutdown' : 'refused');
      // A multi-line reply (EHLO's) goes as it is: the record keeps it as one entry.
      if (record.wantsLines) record.server(line);
    } else if (entry.tnx === 'data' && entry.bytes !== undefined && record.wantsLines) {
      record.client(`{${Number(entry.bytes)} bytes}`);
    }
  }

  #info(entry: LogEntry): void {
    const record = this.#records.get(entry.cid as string);
    if (!record) return;
    if (entry.tnx === 'starttls') record.secured();
    else if (entry.tnx === 'close') {
      record.end('dropped');
      this.#records.delete(entry.cid as string);
    }
  }
}
