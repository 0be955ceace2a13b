// smtp-server wiring: auth policy, size limit, no relay, no greeting delay -> store.add().
// A message is answered 250 only once it is in the store, so everything acknowledged is visible.
import type { Socket } from 'node:net';
import {
  SMTPServer,
  type SMTPServerAuthentication,
  type SMTPServerAuthenticationResponse,
  type SMTPServerDataStream,
  type SMTPServerOptions,
  type SMTPServerSession,
} from 'smtp-server';
import { checkCredentials, passwordOf } from '../auth.ts';
import { ConnectionGate, refusalText } from '../connection-gate.ts';
import type { ListenOptions, ServerDeps } from '../deps.ts';
import { listen, type RunningListener } from '../listener.ts';
import type { SmtpMetrics } from '../metrics/index.ts';
import { createContent, tagsFromMail, type MailContent } from '../store/index.ts';
import { installAddressCommandParser } from './address-command.ts';
import { installDataScan } from './data-scan.ts';
import { smtpError, smtpFaultHooks } from './faults.ts';
import { installGreetingDelayOption } from './greeting.ts';
import { messageBytes } from './message-bytes.ts';
import { metricsLogger } from './metrics-tap.ts';
import { batchReplies } from './reply-batching.ts';
import { SmtpSessionTap } from './session-tap.ts';

/** After the grace period's 421, how long smtp-server's own close waits before it gives up on a socket. */
const CLOSE_FLUSH_MS = 500;
/** RFC 3463 4.3.2: system not accepting network messages. Enhanced codes are off, so it leads the text. */
const SHUTDOWN_TEXT = '4.3.2 mailsandbox shutting down';

function addressOf(entry: { address: string } | false | undefined): string {
  return entry ? entry.address : '';
}

export interface SmtpDeps extends ServerDeps {
  metrics?: SmtpMetrics;
}

export async function startSmtpServer(deps: SmtpDeps, { port, implicitTls }: ListenOptions): Promise<RunningListener> {
  const { store, config, log, tls, metrics } = deps;
  const tap = deps.sessions && deps.sessions.mode !== 'off' ? new SmtpSessionTap(deps.sessions) : null;
  installGreetingDelayOption();
  installDataScan();
  installAddressCommandParser();
  const faults = deps.faults ? smtpFaultHooks(deps.faults, () => server, (session) => tap?.of(session.id)) : null;
  const receiving = new Set<string>();
  let closing = false;
  const connectionOf = (sessionId: string) => {
    for (const connection of server.connections) if (connection.id === sessionId) return connection;
    return undefined;
  };
  const closeIfShuttingDown = (sessionId: string) => {
    if (!closing) return;
    const connection = connectionOf(sessionId);
    if (connection) setImmediate(() => connection.close());
  };

  // Both caps are ours, not smtp-server's maxClients (which turns a connection away before
  // onConnect, so no session would record it as ended by the cap), and so is the deadline to a
  // first MAIL FROM. Until MAIL FROM a connection has done nothing worth its slot.
  const gate = new ConnectionGate(config.maxConnections, config.maxConnectionsPerIp);
  const admitted = new Map<string, { address: string; deadline: NodeJS.Timeout | null }>();
  const clearDeadline = (sessionId: string) => {
    const entry = admitted.get(sessionId);
    if (entry?.deadline) clearTimeout(entry.deadline);
    if (entry) entry.deadline = null;
  };
  const onConnect = (session: SMTPServerSession, callback: (err?: Error | null) => void) => {
    tap?.opened(session);
    const admission = gate.admit(session.remoteAddress);
    if (admission !== 'admitted') {
      tap?.of(session.id).ending('cap');
      return callback(smtpError(refusalText(admission), 421));
    }
    const deadline = setTimeout(() => {
      tap?.of(session.id).ending('timeout');
      connectionOf(session.id)?.send(421, `no mail transaction within ${Math.ceil(config.loginTimeout / 1000)} s, closing`);
    }, config.loginTimeout);
    deadline.unref();
    admitted.set(session.id, { address: session.remoteAddress, deadline });
    callback();
  };
  const onClose = (session: SMTPServerSession) => {
    clearDeadline(session.id);
    const entry = admitted.get(session.id);
    if (!entry) return;
    admitted.delete(session.id);
    gate.release(entry.address);
  };

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, done: (err?: Error | null, message?: string) => void) => {
    const chunks: Buffer[] = [];
    let length = 0;
    receiving.add(session.id);
    stream.on('data', (chunk: Buffer) => {
      if (stream.sizeExceeded) return;
      chunks.push(chunk);
      length += chunk.length;
    });
    stream.on('error', (err) => {
      receiving.delete(session.id);
      done(err);
    });
    stream.on('end', () => {
      receiving.delete(session.id);
      closeIfShuttingDown(session.id);
      if (stream.sizeExceeded) {
        return done(smtpError(`Message exceeds the fixed maximum message size of ${config.maxMessageSize} bytes`, 552));
      }
      const content = createContent(messageBytes(chunks, length));
      const rcptTo = session.envelope.rcptTo.map((r) => r.address);
      if (faults) faults.onDataEnd(content, session, done, (recipients) => storeMessage(content, session, recipients, done));
      else storeMessage(content, session, rcptTo, done);
    });
  };

  const storeMessage = (content: MailContent, session: SMTPServerSession, rcptTo: string[], done: (err?: Error | null, message?: string) => void) => {
    try {
      const envelope = { mailFrom: addressOf(session.envelope.mailFrom), rcptTo };
      const message = store.add(content, envelope, { flags: tagsFromMail(content, envelope, config.tagsPlusAddressing) });
      metrics?.received();
      tap?.of(session.id).action(`received #${message.id} from ${message.envelope.mailFrom || '<>'} for ${message.envelope.rcptTo.join(', ')}`, [message.id]);
      log.info('message accepted', { id: message.id, from: message.envelope.mailFrom, to: message.envelope.rcptTo, size: message.size });
      done(null, `Ok: stored as ${message.id}`);
    } catch (err) {
      log.error('could not store message', { error: (err as Error).message });
      done(smtpError('Local error while storing the message', 451));
    }
  };

  type AuthCallback = (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void;
  const checkAuth = (auth: SMTPServerAuthentication, session: SMTPServerSession, callback: AuthCallback) => {
    const user = auth.username ?? '';
    const accept = () => {
      tap?.of(session.id).loggedIn(user);
      callback(null, { user });
    };
    const refuse = () => {
      metrics?.authFailed();
      callback(smtpError('Invalid username or password', 535));
    };
    if (auth.method === 'CRAM-MD5') {
      const password = passwordOf(config, user);
      const ok = config.smtpAuth === 'any' || (password !== null && auth.validatePassword?.(password));
      return ok ? accept() : refuse();
    }
    if (checkCredentials(config, config.smtpAuth, user, auth.password ?? '')) return accept();
    refuse();
  };

  const options: SMTPServerOptions & { greetingDelayMs: number } = {
    name: 'mailsandbox',
    // smtp-server writes `<name> ESMTP ` before it.
    banner: 'ready, mail is captured and never relayed',
    greetingDelayMs: config.smtpGreetingDelay,
    disableReverseLookup: true,
    logger: false,
    size: config.maxMessageSize,
    maxRecipients: config.maxRecipients,
    onConnect(session, callback) {
      onConnect(session, (err) => (err || !faults ? callback(err) : faults.onConnect(session, callback)));
    },
    onClose(session) {
      onClose(session);
      faults?.onClose(session);
    },
    onMailFrom(address, session, callback) {
      clearDeadline(session.id);
      if (faults) return faults.onMailFrom(address.address, session, callback);
      callback();
    },
    ...(faults && { onRcptTo: (address, session, callback) => faults.onRcptTo(address.address, session, callback) }),
    authOptional: config.smtpAuth === 'any',
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    allowInsecureAuth: true,
    // SMTPS (the 465 convention): TLS from the first byte, so there is no STARTTLS to offer.
    secure: implicitTls,
    hideSTARTTLS: tls === null || implicitTls,
    // Hidden is not off: without this smtp-server still answers STARTTLS and upgrades with its
    // built-in certificate, and a client that did not mean it hangs in a handshake.
    disabledCommands: tls === null ? ['STARTTLS'] : [],
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    closeTimeout: config.shutdownGrace + CLOSE_FLUSH_MS,
    onAuth(auth, session, callback) {
      if (faults) return faults.onAuth(auth.username ?? '', session, (err) => (err ? callback(err) : checkAuth(auth, session, callback)));
      checkAuth(auth, session, callback);
    },
    onData,
  };
  const server = new SMTPServer(options);
  server.on('error', (err: Error) => log.warn('SMTP connection error', { error: err.message }));
  if (tap) server.logger = tap.logger(metrics ?? null);
  else if (metrics) server.logger = metricsLogger(metrics);
  server.server.prependListener('connection', (socket: Socket) => {
    batchReplies(socket);
    metrics?.connected(socket);
  });

  const bound = await listen(server.server, port, config.host);
  return {
    ...bound,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        // Idle connections are told and closed now; a DATA in flight may finish within the grace
        // period, and is then told too, never just cut: the client must know to send it again.
        for (const connection of server.connections) {
          if (receiving.has(connection.id)) continue;
          connection.send(421, SHUTDOWN_TEXT);
        }
        const cut = setTimeout(() => {
          for (const connection of server.connections) connection.send(421, SHUTDOWN_TEXT);
        }, config.shutdownGrace);
        cut.unref();
      }),
  };
}
