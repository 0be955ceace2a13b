// Mailpit API v1, mounted under /mailpit: Mailpit's shapes over the same store and search language.
import { Hono } from 'hono';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { Faults } from '../../faults/index.ts';
import { Relay } from '../../relay/relay.ts';
import type { MessageStore } from '../../store/index.ts';
import { mailpitErrorResponder, notFound } from './errors.ts';
import { chaosRoutes } from './chaos.ts';
import { infoRoutes } from './info.ts';
import { messageRoutes } from './message.ts';
import { messageListRoutes } from './messages.ts';
import type { RuntimeCounters } from './runtime.ts';
import { releaseRoute } from './release.ts';
import { sendRoute } from './send.ts';
import { tagRoutes } from './tags.ts';
import { viewRoutes } from './view.ts';

export { MailpitFrames } from './events.ts';
export { countRuntime, NO_COUNTS, type RuntimeCounters } from './runtime.ts';

export interface MailpitDeps {
  store: MessageStore;
  config: Config;
  log: Logger;
  version: string;
  counters: RuntimeCounters;
  relay?: Relay;
  faults?: Faults;
}

export function createMailpitApi(deps: MailpitDeps): Hono {
  const app = new Hono();
  app.onError(mailpitErrorResponder(deps.log));
  messageListRoutes(app, deps.store);
  messageRoutes(app, deps.store);
  tagRoutes(app, deps.store);
  sendRoute(app, deps.store, deps.config);
  const relay = deps.relay ?? new Relay(null, [], deps.log);
  releaseRoute(app, deps.store, relay);
  chaosRoutes(app, deps.faults);
  infoRoutes(app, deps.store, deps.counters, deps.version, { relayServer: relay.server, chaos: deps.faults !== undefined });
  viewRoutes(app, deps.store);
  app.all('*', () => {
    throw notFound();
  });
  return app;
}
