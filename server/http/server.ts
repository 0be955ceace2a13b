// Composes the REST API, the Mailpit and MailHog dialects, the event streams, /metrics and the UI
// into one hono app behind the browser guard and the optional Basic auth, and binds it.
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { listen, type RunningListener } from '../listener.ts';
import type { Logger } from '../log.ts';
import type { HttpMetrics } from '../metrics/index.ts';
import { createApi, type ApiDeps } from './api.ts';
import { errorBody, errorResponder } from './errors.ts';
import { EventHub } from './events.ts';
import { bodyLimits, httpLimits, type HttpLimits } from './limits.ts';
import { createMailhogApi } from './mailhog/index.ts';
import { countRuntime, createMailpitApi, MailpitFrames, NO_COUNTS, type RuntimeCounters } from './mailpit/index.ts';
import { metricsRoute } from './metrics.ts';
import { basicAuthGate, browserGuard, corsFor, PartKeys } from './security/index.ts';
import { serveUi } from './static.ts';

export interface HttpDeps extends ApiDeps {
  log: Logger;
  metrics?: HttpMetrics;
}

/** Open whatever --ui-auth says: the healthcheck, and /metrics (which has --metrics-auth). */
const OPEN_PATHS = new Set(['/api/v1/health', '/metrics']);

/** What a running server keeps live: the event streams and Mailpit's runtime counters. */
export interface LiveParts {
  native: EventHub;
  mailpit: EventHub;
  counters: RuntimeCounters;
}

/** Without `live` (route tests), there are no event streams and Mailpit's counters stay at zero. */
export function createHttpApp(deps: HttpDeps, live?: LiveParts, limits: HttpLimits = httpLimits(deps.config.maxMessageSize)): Hono {
  const { config, metrics } = deps;
  const partKeys = config.uiAuth.length ? new PartKeys() : undefined;
  const app = new Hono();
  app.onError(errorResponder(deps.log));
  app.use(bodyLimits(limits));
  app.use(browserGuard(config));
  if (config.corsOrigins.length) for (const path of ['/api/*', '/mailpit/*', '/mailhog/*']) app.use(path, corsFor(config.corsOrigins));
  if (metrics) {
    if (config.metricsAuth.length) app.use('/metrics', basicAuthGate(config.metricsAuth, 'mailsandbox metrics', metrics));
    app.get('/metrics', metricsRoute(metrics));
  }
  if (config.uiAuth.length) {
    const gate = basicAuthGate(config.uiAuth, 'mailsandbox', metrics);
    const open = (path: string, key: string | undefined) => OPEN_PATHS.has(path) || partKeys!.opens(path, key);
    const uiAuth: MiddlewareHandler = (c, next) => (open(c.req.path, c.req.query('key')) ? next() : gate(c, next));
    app.use(uiAuth);
  }
  if (live) {
    app.get('/api/v1/events', live.native.route());
    app.get('/mailpit/api/events', live.mailpit.route());
  }
  app.route('/api/v1', createApi({ ...deps, partKeys }));
  app.route('/mailpit', createMailpitApi({ ...deps, counters: live?.counters ?? NO_COUNTS }));
  app.route('/mailhog', createMailhogApi(deps.store));
  app.all('/api/*', (c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.get('*', (c) => serveUi(c));
  return app;
}

export async function startHttpServer(deps: HttpDeps, port: number, limits: HttpLimits = httpLimits(deps.config.maxMessageSize)): Promise<RunningListener> {
  const live: LiveParts = {
    native: new EventHub(deps.store, deps.log),
    mailpit: new EventHub(deps.store, deps.log, new MailpitFrames(deps.store, deps.version)),
    counters: countRuntime(deps.store),
  };
  deps.metrics?.countWebSocketClients(() => live.native.clientCount + live.mailpit.clientCount);
  const app = createHttpApp(deps, live, limits);
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
  const { metrics } = deps;
  if (metrics) server.on('connection', (socket: Socket) => metrics.connected(socket));
  const bound = await listen(server, port, deps.config.host);
  return {
    ...bound,
    close: () =>
      new Promise<void>((resolve) => {
        live.native.close();
        live.mailpit.close();
        live.counters.close();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
