// Composes the REST API, the Mailpit and MailHog dialects, the event streams and the UI into one
// hono app, and binds it.
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Logger } from '../log.ts';
import { listen, type RunningListener } from '../listener.ts';
import { createApi, type ApiDeps } from './api.ts';
import { errorBody, errorResponder } from './errors.ts';
import { EventHub } from './events.ts';
import { createMailhogApi } from './mailhog/index.ts';
import { countRuntime, createMailpitApi, MailpitFrames, type RuntimeCounters } from './mailpit/index.ts';
import { serveUi } from './static.ts';

export interface HttpDeps extends ApiDeps {
  log: Logger;
}

export interface EventHubs {
  native: EventHub;
  mailpit: EventHub;
}

export function createHttpApp(deps: HttpDeps, counters: RuntimeCounters, hubs?: EventHubs): Hono {
  const app = new Hono();
  app.onError(errorResponder(deps.log));
  if (hubs) {
    app.get('/api/v1/events', hubs.native.route());
    app.get('/mailpit/api/events', hubs.mailpit.route());
  }
  app.route('/api/v1', createApi(deps));
  app.route('/mailpit', createMailpitApi({ ...deps, counters }));
  app.route('/mailhog', createMailhogApi(deps.store));
  app.all('/api/*', (c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.get('*', (c) => serveUi(c));
  return app;
}

export async function startHttpServer(deps: HttpDeps, port: number): Promise<RunningListener> {
  const hubs: EventHubs = {
    native: new EventHub(deps.store, deps.log),
    mailpit: new EventHub(deps.store, deps.log, new MailpitFrames(deps.store, deps.version)),
  };
  const counters = countRuntime(deps.store);
  const app = createHttpApp(deps, counters, hubs);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  // createAdaptorServer is serve() without its own listen(): we bind where the config says.
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } }) as Server;
  const bound = await listen(server, port, deps.config.host);
  return {
    ...bound,
    close: () =>
      new Promise<void>((resolve) => {
        hubs.native.close();
        hubs.mailpit.close();
        counters.close();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
