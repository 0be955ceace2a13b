// Where SMTP asks the fault rules: at connect, AUTH, MAIL FROM (the HELO name and the sender), each
// RCPT TO, and the end of DATA (headers and size). A hook gets the action and either carries on,
// refuses with the rule's code, waits, drops the connection without a reply, or marks mail discarded.
import type { SMTPServer, SMTPServerSession } from 'smtp-server';
import type { FaultAction, Faults, FaultValue } from '../faults/index.ts';
import { readHeaderFields } from '../mail/mime-tree.ts';
import type { SessionRecorder } from '../sessions/index.ts';
import type { MailContent } from '../store/index.ts';

type Next = (err?: Error | null) => void;

export function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** What a discard rule has taken out of the session's mail so far. */
interface Discards {
  /** A connect, helo or auth rule: every message of the connection. */
  connection: boolean;
  /** A from, header or size rule: this message. */
  message: boolean;
  /** rcpt rules: these recipients get no copy. */
  recipients: Set<string>;
}

export interface SmtpFaultHooks {
  onConnect(session: SMTPServerSession, next: Next): void;
  onAuth(user: string, session: SMTPServerSession, next: Next): void;
  onMailFrom(address: string, session: SMTPServerSession, next: Next): void;
  onRcptTo(address: string, session: SMTPServerSession, next: Next): void;
  /** The end of DATA: `store` gets the recipients still wanted, or is skipped when everything was discarded. */
  onDataEnd(content: MailContent, session: SMTPServerSession, reply: (err: Error | null, message?: string) => void, store: (recipients: string[]) => void): void;
  onClose(session: SMTPServerSession): void;
}

export function smtpFaultHooks(faults: Faults, server: () => SMTPServer, recorderOf: (session: SMTPServerSession) => SessionRecorder | undefined): SmtpFaultHooks {
  const discards = new Map<string, Discards>();
  const discardsOf = (session: SMTPServerSession): Discards => {
    let entry = discards.get(session.id);
    if (!entry) discards.set(session.id, (entry = { connection: false, message: false, recipients: new Set() }));
    return entry;
  };
  const check = (key: string, value: FaultValue, session: SMTPServerSession) => faults.check('smtp', key, value, `smtp:${session.id}`, recorderOf(session));

  const drop = (session: SMTPServerSession) => {
    recorderOf(session)?.ending('fault');
    for (const connection of server().connections) if (connection.id === session.id) connection.close();
  };
  const act = (action: FaultAction | null, session: SMTPServerSession, next: Next, discard: () => void, refusesConnection = false) => {
    if (!action) return next();
    switch (action.kind) {
      case 'reject':
        // smtp-server closes the connection after a refused greeting or any 421.
        if (refusesConnection || action.code === 421) recorderOf(session)?.ending('fault');
        return next(smtpError(action.text ?? defaultText(action.code), action.code));
      case 'delay':
        return void setTimeout(next, action.ms);
      case 'drop':
        return drop(session);
      case 'discard':
        discard();
        return next();
      default:
        return next();
    }
  };
  /** Runs the checks one after another, each after the previous carried on. */
  const chain = (steps: Array<(next: Next) => void>, done: Next): void => {
    const [first, ...rest] = steps;
    if (!first) return done();
    first((err) => (err ? done(err) : chain(rest, done)));
  };

  // With no rule loaded (the usual case) a hook costs nothing: no header is read, no closure built.
  // A connection a rule already marked for discard stays marked after the rule is gone.
  return {
    onConnect: (session, next) =>
      faults.active ? act(check('connect', session.remoteAddress.replace(/^::ffff:/, ''), session), session, next, () => (discardsOf(session).connection = true), true) : next(),
    onAuth: (user, session, next) => (faults.active ? act(check('auth', user, session), session, next, () => (discardsOf(session).connection = true)) : next()),
    onMailFrom(address, session, next) {
      const known = discards.get(session.id);
      if (known) {
        known.message = false;
        known.recipients.clear();
      }
      if (!faults.active) return next();
      const entry = known ?? discardsOf(session);
      chain(
        [
          (n) => act(check('helo', session.hostNameAppearsAs || '', session), session, n, () => (entry.connection = true)),
          (n) => act(check('from', address, session), session, n, () => (entry.message = true)),
        ],
        next,
      );
    },
    onRcptTo: (address, session, next) => (faults.active ? act(check('rcpt', address, session), session, next, () => discardsOf(session).recipients.add(address)) : next()),
    onDataEnd(content, session, reply, store) {
      const known = discards.get(session.id);
      if (!faults.active && !known) return store(session.envelope.rcptTo.map((r) => r.address));
      const entry = known ?? discardsOf(session);
      const head = content.headerBytes;
      const fields = readHeaderFields(head, 0, head.length);
      const steps: Array<(next: Next) => void> = fields.map(
        ([name, value]) =>
          (n) =>
            act(check(`header:${name.toLowerCase()}`, value.trim(), session), session, n, () => (entry.message = true)),
      );
      steps.push((n) => act(check('size', content.size, session), session, n, () => (entry.message = true)));
      chain(steps, (err) => {
        if (err) return reply(err);
        const recipients = session.envelope.rcptTo.map((r) => r.address).filter((address) => !entry.recipients.has(address));
        if (entry.connection || entry.message || !recipients.length) return reply(null, 'Ok: discarded by a fault rule');
        store(recipients);
      });
    },
    onClose: (session) => void discards.delete(session.id),
  };
}

function defaultText(code: number): string {
  return code >= 500 ? 'Requested action not taken (mailsandbox fault rule)' : 'Temporary failure, try again later (mailsandbox fault rule)';
}
