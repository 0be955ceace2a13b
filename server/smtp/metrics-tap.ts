// smtp-server has no hook per command or per reply, but it hands every command line and every reply
// to its logger (bunyan style: a data object, then the text). This logger, set as the server's
// `logger` property (the option would wrap every call in an object copy), counts them and prints
// nothing; smtp-server is pinned exactly, and test/metrics.test.ts reads the counts back.
import type { LogEntry, Logger } from 'nodemailer/lib/shared';
import type { SmtpMetrics } from '../metrics/index.ts';

/** The verbs smtp-server knows; anything else a client sends counts as `unknown`. */
const VERBS = new Set(['HELO', 'EHLO', 'LHLO', 'MAIL', 'RCPT', 'DATA', 'BDAT', 'RSET', 'NOOP', 'QUIT', 'VRFY', 'EXPN', 'HELP', 'STARTTLS', 'AUTH', 'XCLIENT', 'XFORWARD']);
/** What smtp-server logs in place of an AUTH continuation line (a credential, not a command). */
const CONTINUATION = '/* secured */';

const ignore = () => {};

export function countCommand(metrics: SmtpMetrics, entry: LogEntry, line: unknown): void {
  const verb = String(entry.command);
  if (line !== CONTINUATION) metrics.command(VERBS.has(verb) ? verb : 'unknown');
}

export function countReply(metrics: SmtpMetrics, line: unknown): void {
  // A reply's code is its first three characters; only refusals (4xx, 5xx) are counted.
  if (typeof line !== 'string' || line.charCodeAt(0) < 0x34) return;
  const code = Number(line.slice(0, 3));
  if (code >= 400) metrics.rejected(code);
}

/** The logger when no session is recorded; with sessions, SmtpSessionTap's logger counts too. */
export function metricsLogger(metrics: SmtpMetrics): Logger {
  return {
    debug(entry?: LogEntry | string, _label?: string, line?: unknown) {
      if (typeof entry !== 'object') return;
      if (entry.tnx === 'command') countCommand(metrics, entry, line);
      else if (entry.tnx === 'send') countReply(metrics, line);
    },
    trace: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    fatal: ignore,
  };
}
