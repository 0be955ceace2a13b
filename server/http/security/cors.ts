// --cors-origin: pages on the listed origins may read the API (with credentials, for --ui-auth) and
// send changes; every other origin gets no CORS headers, so its browser keeps the answers from it.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export function corsFor(origins: readonly string[]): MiddlewareHandler {
  return cors({
    origin: [...origins],
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Content-Type', 'Authorization'],
    maxAge: 600,
  });
}
