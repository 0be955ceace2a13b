// IMAP listener: plain with STARTTLS (when a certificate exists) or implicit TLS; one ImapSession
// per connection; a cap on connections. A failing connection is logged and closed, never the process.
import net from 'node:net';
import tls from 'node:tls';
import type { ListenOptions, ServerDeps } from '../deps.ts';
import { ConnectionGate, refusalText } from '../connection-gate.ts';
import { closeServer, listen, refuseConnection, type RunningListener } from '../listener.ts';
import { imapLimits, type ImapLimits } from './limits.ts';
import { ImapSession, type Transport } from './session.ts';
import { SliceQueue } from './slices.ts';

/** One queue for every IMAP listener of the process (plain and implicit TLS), since they share one event loop. */
const slices = new SliceQueue();

export async function startImapServer(
  deps: ServerDeps,
  options: ListenOptions,
  limits: ImapLimits = imapLimits(deps.config),
): Promise<RunningListener | null> {
  const { config, log } = deps;
  if (options.implicitTls && !deps.tls) return null;
  const secureContext = deps.tls ? tls.createSecureContext({ key: deps.tls.key, cert: deps.tls.cert }) : null;
  const sessions = new Set<ImapSession>();
  const gate = new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerIp);

  const accept = (socket: net.Socket, secure: boolean) => {
    const address = socket.remoteAddress;
    const admission = gate.admit(address);
    if (admission !== 'admitted') return refuseConnection(socket, `* BYE ${refusalText(admission)}\r\n`);
    // Replies are already batched; Nagle would hold a short tagged line back for the peer's delayed ACK.
    socket.setNoDelay(true);
    deps.metrics?.connected(socket);
    const session = connect(socket, secure, secureContext, deps, limits);
    sessions.add(session);
    socket.once('close', () => {
      sessions.delete(session);
      gate.release(address);
    });
  };

  const server = options.implicitTls
    ? tls.createServer({ key: deps.tls!.key, cert: deps.tls!.cert, handshakeTimeout: limits.unauthenticatedTimeoutMs }, (socket) => accept(socket, true))
    : net.createServer((socket) => accept(socket, false));
  server.on('error', (err) => log.error('IMAP listener error', { error: err.message }));
  if (options.implicitTls) {
    // Node reports a failed or timed-out handshake here but leaves the socket open: close it.
    server.on('tlsClientError', (err, socket) => {
      log.debug('IMAP TLS handshake failed', { error: err.message });
      socket.destroy();
    });
  }

  const bound = await listen(server, options.port, config.host);
  return {
    ...bound,
    close: () => closeServer(server, sessions),
  };
}

/** Wires one socket to a session; after STARTTLS the same session talks through the TLS socket. */
function connect(
  raw: net.Socket,
  secure: boolean,
  secureContext: tls.SecureContext | null,
  deps: ServerDeps,
  limits: ImapLimits,
): ImapSession {
  const { log } = deps;
  let current: net.Socket = raw;
  const transport: Transport = {
    write(pieces) {
      // Corked, the pieces leave in one writev instead of one write each.
      current.cork();
      let ok = true;
      for (const piece of pieces) ok = current.write(piece);
      current.uncork();
      return ok;
    },
    get secure() {
      return secure;
    },
    startTls() {
      if (!secureContext) return;
      current.removeAllListeners('data');
      current.removeAllListeners('drain');
      const upgraded = new tls.TLSSocket(current, { isServer: true, secureContext });
      upgraded.on('error', (err) => log.debug('IMAP STARTTLS failed', { error: err.message }));
      current = upgraded;
      secure = true;
      listenTo(upgraded);
    },
    end: () => {
      current.end();
      // A peer that never reads must not keep the socket open for ever.
      setTimeout(() => current.destroy(), 10_000).unref();
    },
    setIdleTimeout: (ms) => raw.setTimeout(ms),
    pauseInput: () => current.pause(),
    resumeInput: () => current.resume(),
  };
  /** A bug in a session ends that connection with a BYE; it never reaches the process. */
  const guarded = (action: () => void) => {
    try {
      action();
    } catch (err) {
      log.error('IMAP session failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!current.destroyed) current.end('* BYE internal server error\r\n');
      session.closed();
    }
  };

  function listenTo(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => guarded(() => session.receive(chunk)));
    socket.on('drain', () => guarded(() => session.drained()));
  }

  const session = new ImapSession(deps, transport, guarded, limits, slices);
  listenTo(raw);
  raw.on('timeout', () => guarded(() => session.timedOut()));
  // The login deadline runs from connect: unlike the idle timer, bytes trickled in do not move it.
  const loginDeadline = setTimeout(
    () => guarded(() => session.data.state === 'not-authenticated' && session.timedOut(`no login within ${Math.ceil(limits.unauthenticatedTimeoutMs / 1000)} s`)),
    limits.unauthenticatedTimeoutMs,
  );
  loginDeadline.unref();
  raw.on('close', () => clearTimeout(loginDeadline));
  raw.on('error', (err) => log.debug('IMAP connection error', { error: err.message }));
  raw.on('close', () => session.closed());
  guarded(() => session.greet());
  return session;
}
