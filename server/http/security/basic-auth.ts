// --ui-auth and --metrics-auth: HTTP Basic auth (hono's middleware, which compares SHA-256 digests in
// constant time). A refusal is 401 with WWW-Authenticate and a JSON error, for a page, an API call
// and a WebSocket upgrade alike.
import type { MiddlewareHandler } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { HTTPException } from 'hono/http-exception';
import type { UserCredential } from '../../config.ts';
import type { ProtocolMetrics } from '../../metrics/index.ts';
import { errorBody } from '../errors.ts';

export function basicAuthGate(users: readonly UserCredential[], realm: string, metrics?: ProtocolMetrics): MiddlewareHandler {
  const [first, ...rest] = users.map(({ user, password }) => ({ username: user, password }));
  const check = basicAuth(
    { ...first, realm, invalidUserMessage: errorBody('unauthorized', `${realm} needs a user name and password (HTTP Basic auth)`) },
    ...rest,
  );
  return async (c, next) => {
    try {
      await check(c, next);
    } catch (err) {
      // Only a wrong password is a failure; a first request without credentials is the challenge.
      if (err instanceof HTTPException && err.status === 401 && c.req.header('authorization')) metrics?.authFailed();
      throw err;
    }
  };
}
