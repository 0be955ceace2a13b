// One message in Mailpit's shapes: GET /api/v1/message/{ID} (marks it read, as Mailpit does),
// its headers, its raw source and one decoded part. {ID} may be `latest`.
import type { Hono } from 'hono';
import { readAttachment } from '../../mail/parse.ts';
import { SEEN, type MessageStore } from '../../store/index.ts';
import { notFound } from './errors.ts';
import { toMailpitHeaders, toMailpitMessage } from './present.ts';
import { messageOf } from './request.ts';

export function messageRoutes(app: Hono, store: MessageStore): void {
  app.get('/api/v1/message/:id', async (c) => {
    const message = await messageOf(c, store);
    store.setFlags([message.id], 'add', [SEEN]);
    return c.json(await toMailpitMessage(store.get(message.id) ?? message));
  });

  app.get('/api/v1/message/:id/headers', async (c) => c.json(toMailpitHeaders(await messageOf(c, store))));

  app.get('/api/v1/message/:id/raw', async (c) => {
    const message = await messageOf(c, store);
    c.header('Content-Type', 'text/plain; charset=utf-8');
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.query('dl') === '1') c.header('Content-Disposition', `attachment; filename="${message.id}.eml"`);
    return c.body(new Uint8Array(message.content.raw));
  });

  app.get('/api/v1/message/:id/part/:partId', async (c) => {
    const message = await messageOf(c, store);
    const part = await readAttachment(message.content.raw, c.req.param('partId'));
    if (!part) throw notFound();
    const filename = (part.info.filename ?? `part-${part.info.partId}`).replace(/[^\x20-\x7e]|["\\]/g, '_');
    c.header('Content-Type', part.info.contentType);
    c.header('Content-Disposition', `${c.req.query('download') === '1' ? 'attachment' : 'inline'}; filename="${filename}"`);
    // A part is untrusted: never let it run as a page of this origin.
    c.header('Content-Security-Policy', "sandbox; default-src 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(new Uint8Array(part.content));
  });
}
