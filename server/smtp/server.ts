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
import type { ListenOptions, ServerDeps } from '../deps.ts';
import { listen, type RunningListener } from '../listener.ts';
import type { SmtpMetrics } from '../metrics/index.ts';
import { createContent, tagsFromMail } from '../store/index.ts';
import { smtpError, smtpFaultHooks } from './faults.ts';
import { installGreetingDelayOption } from './greeting.ts';
import { metricsLogger } from './metrics-tap.ts';

/** How long close() lets a DATA transfer in flight finish before cutting it. */
const CLOSE_GRACE_MS = 10_000;

function addressOf(entry: { address: string } | false | undefined): string {
  return entry ? entry.address : '';
}

export interface SmtpDeps extends ServerDeps {
  metrics?: SmtpMetrics;
}

export async function startSmtpServer(deps: SmtpDeps, { port, implicitTls }: ListenOptions): Promise<RunningListener> {
  const { store, config, log, tls, metrics } = deps;
  installGreetingDelayOption();
  const faults = deps.faults ? smtpFaultHooks(deps.faults, () => server) : null;
  const receiving = new Set<string>();
  let closing = false;
  const closeIfShuttingDown = (sessionId: string) => {
    if (!closing) return;
    for (const connection of server.connections) if (connection.id === sessionId) setImmediate(() => connection.close());
  };

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, done: (err?: Error | null, message?: string) => void) => {
    const chunks: Buffer[] = [];
    receiving.add(session.id);
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
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
      const raw = Buffer.concat(chunks);
      const rcptTo = session.envelope.rcptTo.map((r) => r.address);
      if (faults) faults.onDataEnd(raw, session, done, (recipients) => storeMessage(raw, session, recipients, done));
      else storeMessage(raw, session, rcptTo, done);
    });
  };

  const storeMessage = (raw: Buffer, session: SMTPServerSession, rcptTo: string[], done: (err?: Error | null, message?: string) => void) => {
    try {
      const envelope = { mailFrom: addressOf(session.envelope.mailFrom), rcptTo };
      const content = createContent(raw);
      const message = store.add(content, envelope, { flags: tagsFromMail(content, envelope, config.tagsPlusAddressing) });
      metrics?.received();
      log.info('message accepted', { id: message.id, from: message.envelope.mailFrom, to: message.envelope.rcptTo, size: message.size });
      done(null, `Ok: stored as ${message.id}`);
    } catch (err) {
      log.error('could not store message', { error: (err as Error).message });
      done(smtpError('Local error while storing the message', 451));
    }
  };

  type AuthCallback = (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void;
  const checkAuth = (auth: SMTPServerAuthentication, callback: AuthCallback) => {
    const user = auth.username ?? '';
    const refuse = () => {
      metrics?.authFailed();
      callback(smtpError('Invalid username or password', 535));
    };
    if (auth.method === 'CRAM-MD5') {
      const password = passwordOf(config, user);
      const ok = config.smtpAuth === 'any' || (password !== null && auth.validatePassword?.(password));
      return ok ? callback(null, { user }) : refuse();
    }
    if (checkCredentials(config, config.smtpAuth, user, auth.password ?? '')) return callback(null, { user });
    refuse();
  };

  const options: SMTPServerOptions & { greetingDelayMs: number } = {
    name: 'mailsandbox',
    banner: 'mailsandbox ESMTP ready, mail is captured and never relayed',
    greetingDelayMs: config.smtpGreetingDelay,
    disableReverseLookup: true,
    logger: false,
    size: config.maxMessageSize,
    authOptional: config.smtpAuth === 'any',
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    allowInsecureAuth: true,
    // SMTPS (the 465 convention): TLS from the first byte, so there is no STARTTLS to offer.
    secure: implicitTls,
    hideSTARTTLS: tls === null || implicitTls,
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    closeTimeout: CLOSE_GRACE_MS,
    ...(faults && {
      onConnect: faults.onConnect,
      onMailFrom: (address, session, callback) => faults.onMailFrom(address.address, session, callback),
      onRcptTo: (address, session, callback) => faults.onRcptTo(address.address, session, callback),
      onClose: faults.onClose,
    }),
    onAuth(auth, session, callback) {
      if (faults) return faults.onAuth(auth.username ?? '', session, (err) => (err ? callback(err) : checkAuth(auth, callback)));
      checkAuth(auth, callback);
    },
    onData,
  };
  const server = new SMTPServer(options);
  server.on('error', (err: Error) => log.warn('SMTP connection error', { error: err.message }));
  if (metrics) {
    server.logger = metricsLogger(metrics);
    server.server.on('connection', (socket: Socket) => metrics.connected(socket));
  }

  const bound = await listen(server.server, port, config.host);
  return {
    ...bound,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        // Idle connections are told and closed now; a DATA in flight finishes (up to CLOSE_GRACE_MS).
        for (const connection of server.connections) {
          if (receiving.has(connection.id)) continue;
          connection.send(421, 'mailsandbox shutting down');
          connection.close();
        }
      }),
  };
}
