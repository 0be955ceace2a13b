// The POP3 listener (RFC 1939, CAPA from RFC 2449, STLS from RFC 2595): plain with STLS when a
// certificate is configured, or implicit TLS from the first byte (the 995-style port). Each
// connection is a Pop3Connection; a failing one is logged and closed, never the process.
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import type { ListenOptions, ServerDeps } from '../deps.ts';
import { ConnectionGate, refusalText } from '../connection-gate.ts';
import { closeServer, listen, refuseConnection, type RunningListener } from '../listener.ts';
import { Pop3Connection } from './connection.ts';
import { pop3Limits, type Pop3Limits } from './limits.ts';
import { err } from './reply.ts';

export async function startPop3Server(deps: ServerDeps, options: ListenOptions, limits: Pop3Limits = pop3Limits(deps.config)): Promise<RunningListener | null> {
  const { tls, log } = deps;
  if (options.implicitTls && !tls) throw new Error('implicit-TLS POP3 needs a certificate');
  const tlsContext = tls ? createSecureContext({ key: tls.key, cert: tls.cert }) : null;
  const connections = new Set<Pop3Connection>();
  const gate = new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerIp);

  const accept = (socket: Socket) => {
    const address = socket.remoteAddress;
    const admission = gate.admit(address);
    if (admission !== 'admitted') return refuseConnection(socket, err(refusalText(admission), 'SYS/TEMP')[0]);
    deps.metrics?.connected(socket);
    // After STLS both the plain and the TLS socket report their close: release the slot once.
    const connection: Pop3Connection = new Pop3Connection(socket, deps, limits, tlsContext, options.implicitTls, () => {
      if (connections.delete(connection)) gate.release(address);
    });
    connections.add(connection);
  };

  const server: Server = options.implicitTls
    ? createTlsServer({ key: tls!.key, cert: tls!.cert, handshakeTimeout: limits.loginTimeoutMs }, accept).on('tlsClientError', (error, socket) => {
        // Node reports a failed or timed-out handshake here but leaves the socket open: close it.
        log.debug('POP3 TLS handshake failed', { error: error.message });
        socket.destroy();
      })
    : createServer(accept);
  const bound = await listen(server, options.port, deps.config.host);
  server.on('error', (error) => log.warn('POP3 listener error', { error: error.message }));
  return {
    ...bound,
    close: () => closeServer(server, connections),
  };
}
