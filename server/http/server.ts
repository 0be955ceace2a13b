// Composes the REST API, the event stream and the UI into one hono app, and binds it.
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log.ts';
import { listen, type RunningListener } from '../listener.ts';
import { createApi, type ApiDeps } from './api.ts';
import { errorBody, errorResponder } from './errors.ts';
import { EventHub } from './events.ts';
import { bodyLimits, httpLimits, type HttpLimits } from './limits.ts';
import { serveUi } from './static.ts';

export interface HttpDeps extends ApiDeps {
  log: Logger;
}

export function createHttpApp(deps: HttpDeps, hub?: EventHub, limits: HttpLimits = httpLimits(deps.config.maxMessageSize)): Hono {
  const app = new Hono();
  app.onError(errorResponder(deps.log));
  app.use(bodyLimits(limits));
  if (hub) app.get('/api/v1/events', hub.route());
  app.route('/api/v1', createApi(deps));
  app.all('/api/*', (c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.get('*', (c) => serveUi(c));
  return app;
}

export async function startHttpServer(deps: HttpDeps, port: number, limits: HttpLimits = httpLimits(deps.config.maxMessageSize)): Promise<RunningListener> {
  const hub = new EventHub(deps.store, deps.log);
  const app = createHttpApp(deps, hub, limits);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  // createAdaptorServer is serve() without its own listen(): we bind where the config says.
  const server = createAdaptorServer({
    fetch: app.fetch,
    websocket: { server: wss },
    serverOptions: {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs / 2),
    },
  }) as Server;
  const bound = await listen(server, port, deps.config.host);
  return {
    ...bound,
    close: () =>
      new Promise<void>((resolve) => {
        hub.close();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
