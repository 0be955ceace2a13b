// /api/v1/sessions and /api/v1/messages/:id/history: the recorded SMTP, IMAP and POP3 sessions and
// what they did to each message. Read-only; the registry bounds what is kept.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { SessionRegistry } from '../sessions/index.ts';
import { HttpError } from './errors.ts';
import { ApiError, IdParam } from './schemas.ts';
import * as S from './session-schemas.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const error = (description: string) => json(ApiError, description);

const DEFAULT_LIMIT = 50;

export const listSessions = createRoute({
  method: 'get',
  path: '/sessions',
  summary: 'Recorded SMTP, IMAP and POP3 sessions, newest first',
  request: { query: S.SessionQuery },
  responses: { 200: json(S.SessionList, 'A page of summaries and the count of all that match'), 400: error('Bad parameter') },
});
export const getSession = createRoute({
  method: 'get',
  path: '/sessions/{id}',
  summary: 'One session with its masked transcript and its actions',
  request: { params: IdParam },
  responses: { 200: json(S.SessionDetail, 'The session'), 404: error('No such session (never, or dropped by --max-sessions)') },
});
export const getHistory = createRoute({
  method: 'get',
  path: '/messages/{id}/history',
  summary: 'What kept sessions did to the message, oldest first (also after the message is gone)',
  request: { params: IdParam },
  responses: { 200: json(z.array(S.MessageHistoryEntry), 'The history, maybe empty') },
});

export function addSessionRoutes(api: OpenAPIHono, sessions: SessionRegistry): void {
  api.openapi(listSessions, (c) => {
    const q = c.req.valid('query');
    const body = sessions.list({
      protocol: q.protocol,
      login: q.login || undefined,
      limit: q.limit ? Number(q.limit) : DEFAULT_LIMIT,
      offset: q.offset ? Number(q.offset) : 0,
    });
    return c.json(body, 200);
  });
  api.openapi(getSession, (c) => {
    const id = c.req.valid('param').id;
    const record = /^\d+$/.test(id) ? sessions.get(Number(id)) : undefined;
    if (!record) throw new HttpError(404, 'not-found', `no session with id ${id}`);
    return c.json(record.detail(), 200);
  });
  api.openapi(getHistory, (c) => {
    const id = c.req.valid('param').id;
    return c.json(/^\d+$/.test(id) ? sessions.history(Number(id)) : [], 200);
  });
}
