// MailHog's API, mounted under /mailhog: v2 list and search, v1 messages, and Jim (off: 404).
// The three search kinds are terms of the one search language, run by the same store.
import { Hono, type Context } from 'hono';
import { compileTerms, type SearchTerm } from '../../search/index.ts';
import type { MessageStore, StoredMessage } from '../../store/index.ts';
import { toMailhogMessage } from './present.ts';
import type { MailhogList } from './shapes.ts';

const KINDS: Record<string, (query: string) => SearchTerm> = {
  from: (value) => ({ negate: false, kind: 'address', fields: ['from'], value }),
  to: (value) => ({ negate: false, kind: 'address', fields: ['to', 'cc', 'bcc'], value }),
  containing: (value) => ({ negate: false, kind: 'text', value }),
};
/** MailHog caps a v2 page at 250. */
const MAX_LIMIT = 250;
/** MailHog's v1 list has no paging: it answers its first thousand. */
const V1_LIMIT = 1000;

function startLimit(c: Context): { start: number; limit: number } {
  const start = Number.parseInt(c.req.query('start') ?? '', 10);
  const limit = Number.parseInt(c.req.query('limit') ?? '', 10);
  return { start: start > 0 ? start : 0, limit: limit > 0 ? Math.min(limit, MAX_LIMIT) : 50 };
}

function listOf(page: { total: number; messages: StoredMessage[] }, start: number): MailhogList {
  return { total: page.total, count: page.messages.length, start, items: page.messages.map(toMailhogMessage) };
}

export function createMailhogApi(store: MessageStore): Hono {
  const app = new Hono();
  const byId = (c: Context) => {
    const id = c.req.param('id') ?? '';
    return /^\d+$/.test(id) ? store.get(Number(id)) : undefined;
  };

  app.get('/api/v2/messages', (c) => {
    const { start, limit } = startLimit(c);
    return c.json(listOf(store.list({}, { offset: start, limit }), start));
  });

  app.get('/api/v2/search', async (c) => {
    const kind = KINDS[c.req.query('kind') ?? ''];
    const query = (c.req.query('query') ?? '').trim().toLowerCase();
    if (!kind || !query) return c.body(null, 400);
    const { start, limit } = startLimit(c);
    return c.json(listOf(await store.listInTurns({ search: compileTerms([kind(query)]) }, { offset: start, limit }), start));
  });

  app.all('/api/v2/jim', (c) => c.body(null, 404));

  app.get('/api/v1/messages', (c) => c.json(store.list({}, { limit: V1_LIMIT }).messages.map(toMailhogMessage)));
  app.delete('/api/v1/messages', (c) => {
    store.clear();
    return c.body(null, 200);
  });

  app.get('/api/v1/messages/:id', (c) => {
    const message = byId(c);
    return message ? c.json(toMailhogMessage(message)) : c.body(null, 404);
  });
  app.delete('/api/v1/messages/:id', (c) => {
    const message = byId(c);
    if (!message) return c.body(null, 404);
    store.delete([message.id]);
    return c.body(null, 200);
  });
  app.get('/api/v1/messages/:id/download', (c) => {
    const message = byId(c);
    if (!message) return c.body(null, 404);
    c.header('Content-Type', 'message/rfc822');
    c.header('Content-Disposition', `attachment; filename="${message.id}.eml"`);
    return c.body(new Uint8Array(message.content.raw));
  });

  app.all('*', (c) => c.text('404 page not found', 404));
  return app;
}
