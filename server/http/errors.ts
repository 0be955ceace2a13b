// Every HTTP error is JSON { error: { code, message } } with a fitting status; never a stack trace.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StoreError } from '../store/index.ts';
import type { ApiError } from '../types.ts';
import type { Logger } from '../log.ts';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STORE_STATUS: Record<StoreError['code'], ContentfulStatusCode> = {
  'no-such-folder': 404,
  'folder-exists': 409,
  'folder-protected': 409,
  'bad-folder-name': 400,
  'folder-has-children': 409,
};

export function errorBody(code: string, message: string): ApiError {
  return { error: { code, message } };
}

export function errorResponder(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) return c.json(errorBody(err.code, err.message), err.status);
    // hono's own middleware (Basic auth) refuses with a finished response; its validators (a body
    // that is not JSON) with only a status and a message.
    if (err instanceof HTTPException) {
      if (err.res || err.status >= 500) return err.getResponse();
      return c.json(errorBody('bad-body', err.message), err.status as ContentfulStatusCode);
    }
    if (err instanceof StoreError) return c.json(errorBody(err.code, err.message), STORE_STATUS[err.code]);
    log.error('HTTP handler failed', { path: c.req.path, error: err.message });
    return c.json(errorBody('internal', 'internal server error'), 500);
  };
}
