// /api/v1/openapi.json: OpenAPI 3.1 generated from the routes' own schemas (routes.ts), plus the
// WebSocket, which is served beside the routes rather than by them.
import type { OpenAPIHono } from '@hono/zod-openapi';

export const OPENAPI_PATH = '/openapi.json';

export function describeApi(api: OpenAPIHono, version: string): void {
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/events',
    summary: 'WebSocket of store changes: frames { v: 1, type, data } (upgrade with Connection: Upgrade)',
    responses: { 101: { description: 'Switching to the WebSocket protocol' } },
  });
  api.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'mailsandbox native API',
      version,
      description: 'Errors are { "error": { "code", "message" } }. Ids are the same numbers as POP3 UIDLs; the uid of a summary is the IMAP UID in its folder.',
    },
    servers: [{ url: '/api/v1' }],
  });
}
