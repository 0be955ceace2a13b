// Mailpit's /view/{ID}.html and /view/{ID}.txt: a message's HTML (sandboxed by the same CSP as the
// UI's frame: no script, no remote loads) and its text part. {ID} may be `latest`.
import type { Hono } from 'hono';
import { parseBody } from '../../mail/parse.ts';
import type { MessageStore } from '../../store/index.ts';
import { htmlDocument } from '../html.ts';
import { notFound } from './errors.ts';
import { messageOf } from './request.ts';

export function viewRoutes(app: Hono, store: MessageStore): void {
  app.get('/view/:file{.+\\.(?:html|txt)}', async (c) => {
    const file = c.req.param('file');
    const dot = file.lastIndexOf('.');
    const message = await messageOf(c, store, file.slice(0, dot));
    c.header('X-Content-Type-Options', 'nosniff');
    if (file.slice(dot) === '.txt') {
      const { text } = await parseBody(message.content.raw);
      c.header('Content-Type', 'text/plain; charset=utf-8');
      return c.body(text ?? '');
    }
    const doc = await htmlDocument(message, { remote: false, origin: new URL(c.req.url).origin });
    if (!doc) throw notFound();
    c.header('Content-Security-Policy', doc.csp);
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(doc.html);
  });
}
