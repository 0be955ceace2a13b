// Mailpit answers errors as plain text: 404 "404 page not found" for an unknown ID, 400 with the
// message otherwise. Thrown anywhere in the Mailpit routes, turned into that reply here.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../../log.ts';
import { StoreError } from '../../store/index.ts';

export class MailpitError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'MailpitError';
  }
}

export const notFound = (message = '404 page not found') => new MailpitError(404, message);
export const badRequest = (message: string) => new MailpitError(400, message);

export function mailpitErrorResponder(log: Logger) {
  return (err: Error, c: Context) => {
    c.header('Content-Type', 'text/plain; charset=utf-8');
    if (err instanceof MailpitError) return c.body(err.message, err.status);
    if (err instanceof StoreError) return c.body(err.message, 400);
    log.error('Mailpit API handler failed', { path: c.req.path, error: err.message });
    return c.body('internal server error', 500);
  };
}
