// What one HTTP request may cost the server: body size (by route), header size, and the time to
// send the headers and the whole request. Tests pass smaller ones to startHttpServer.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './errors.ts';

export interface HttpLimits {
  /** Any request body (PATCH, PUT, a JSON POST): the API takes small JSON objects. */
  maxBody: number;
  /** Bodies of the routes that take a whole message (paths ending in /send): a message of --max-message-size, base64 in JSON. */
  maxMessageBody: number;
  /** Request line and headers together; Node answers 431 past it. */
  maxHeaderBytes: number;
  /** From connect (or the previous request) to the end of the headers; Node answers 408 past it. */
  headersTimeoutMs: number;
  /** The whole request, body included. */
  requestTimeoutMs: number;
}

export function httpLimits(maxMessageSize: number): HttpLimits {
  const maxBody = 64 * 1024;
  return { maxBody, maxMessageBody: Math.ceil((maxMessageSize * 4) / 3) + maxBody, maxHeaderBytes: 16 * 1024, headersTimeoutMs: 10_000, requestTimeoutMs: 120_000 };
}

const MESSAGE_ROUTE = /\/send$/;

function limitOf(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    // The body was not read: close rather than drain what the client still sends.
    onError: (c) => c.json(errorBody('body-too-large', `the request body is larger than allowed (${maxSize} bytes)`), 413, { Connection: 'close' }),
  });
}

/** Refuses an over-large body with 413 and a JSON error, before reading it (Content-Length) or as soon as it passes the bound (chunked). */
export function bodyLimits(limits: HttpLimits): MiddlewareHandler {
  const small = limitOf(limits.maxBody);
  const message = limitOf(limits.maxMessageBody);
  return (c, next) => (MESSAGE_ROUTE.test(c.req.path) ? message : small)(c, next);
}
