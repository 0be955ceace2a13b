// The middleware in front of every route: a browser under a foreign Host is refused (DNS rebinding),
// and so is a change or a WebSocket upgrade asked for by a page of another origin. Refusals are 403
// with a JSON error and happen before any handler runs, so nothing changes.
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.ts';
import { errorBody } from '../errors.ts';
import { crossSite, foreignHost } from './browser.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function browserGuard(config: Pick<Config, 'host' | 'allowedHosts' | 'corsOrigins'>): MiddlewareHandler {
  return async (c, next) => {
    const header = (name: string) => c.req.header(name);
    const upgrade = header('upgrade')?.toLowerCase() === 'websocket';
    const refusal = foreignHost(header, config) ?? (upgrade || !SAFE_METHODS.has(c.req.method) ? crossSite(header, config.corsOrigins) : null);
    if (refusal) return c.json(errorBody(refusal.code, refusal.message), 403);
    await next();
  };
}
