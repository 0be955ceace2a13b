// The native REST API, /api/v1. Routes read and change the store; nothing here knows a mail protocol.
import { Hono } from 'hono';
import type { Config } from '../config.ts';
import { readAttachment } from '../mail/parse.ts';
import { FLAGGED, SEEN, WaitTimeoutError, waitForMessage, type MessageStore, type StoredMessage } from '../store/index.ts';
import type { FolderInfo, HealthInfo, ListenerInfo, MessageList } from '../types.ts';
import { HttpError } from './errors.ts';
import { htmlDocument } from './html.ts';
import { toDetail, toSummary } from './present.ts';

export interface ApiDeps {
  store: MessageStore;
  config: Config;
  version: string;
  listeners: () => { smtp: ListenerInfo | null; imap: ListenerInfo | null; pop3: ListenerInfo | null };
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const DEFAULT_WAIT_MS = 30_000;
const MAX_WAIT_MS = 10 * 60_000;

function intParam(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  // Digits only: Number() would also take 0x10, 1e3, " 5" and 5.0.
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > max) throw new HttpError(400, 'bad-parameter', `${name} must be a whole number from 0 to ${max}`);
  return n;
}

function boolParam(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new HttpError(400, 'bad-parameter', `${name} must be true or false`);
}

function attachmentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function createApi(deps: ApiDeps): Hono {
  const { store, config } = deps;
  const api = new Hono();

  const messageOr404 = (idParam: string): StoredMessage => {
    const id = Number(idParam);
    const message = Number.isSafeInteger(id) && id > 0 ? store.get(id) : undefined;
    if (!message) throw new HttpError(404, 'not-found', `no message with id ${idParam}`);
    return message;
  };

  api.get('/messages', (c) => {
    const q = c.req.query();
    const folder = q.folder || undefined;
    if (folder && !store.getFolder(folder)) throw new HttpError(404, 'no-such-folder', `no folder named ${folder}`);
    const result = store.list(
      { folder, mailbox: q.mailbox || undefined, q: q.q || undefined, unread: boolParam(q.unread, 'unread') },
      { limit: intParam(q.limit, 'limit', DEFAULT_LIMIT, MAX_LIMIT), offset: intParam(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) },
    );
    const body: MessageList = { total: result.total, unread: result.unread, messages: result.messages.map(toSummary) };
    return c.json(body);
  });

  api.delete('/messages', (c) => {
    store.clear();
    return c.body(null, 204);
  });

  api.get('/messages/:id', async (c) => c.json(await toDetail(messageOr404(c.req.param('id')))));

  api.get('/messages/:id/raw', (c) => {
    const message = messageOr404(c.req.param('id'));
    c.header('Content-Type', 'message/rfc822');
    // The source is untrusted too: a browser must not sniff it into a page of this origin.
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Security-Policy', "sandbox; default-src 'none'");
    if (boolParam(c.req.query('download'), 'download')) c.header('Content-Disposition', attachmentDisposition('attachment', `message-${message.id}.eml`));
    return c.body(new Uint8Array(message.content.raw));
  });

  api.get('/messages/:id/html', async (c) => {
    const message = messageOr404(c.req.param('id'));
    const remote = boolParam(c.req.query('remote'), 'remote') ?? false;
    const doc = await htmlDocument(message, { remote, origin: new URL(c.req.url).origin });
    if (!doc) throw new HttpError(404, 'no-html', `message ${message.id} has no HTML body`);
    c.header('Content-Security-Policy', doc.csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(doc.html);
  });

  api.get('/messages/:id/attachments/:partId', async (c) => {
    const message = messageOr404(c.req.param('id'));
    const part = await readAttachment(message.content.raw, c.req.param('partId'));
    if (!part) throw new HttpError(404, 'not-found', `message ${message.id} has no attachment ${c.req.param('partId')}`);
    const image = part.info.contentType.startsWith('image/') && part.info.contentType !== 'image/svg+xml';
    const download = boolParam(c.req.query('download'), 'download') ?? !image;
    c.header('Content-Type', part.info.contentType);
    c.header('Content-Disposition', attachmentDisposition(download ? 'attachment' : 'inline', part.info.filename ?? `part-${part.info.partId}`));
    // Attachments are untrusted: never let one run as a page of this origin.
    c.header('Content-Security-Policy', "sandbox; default-src 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(new Uint8Array(part.content));
  });

  api.patch('/messages/:id', async (c) => {
    let message = messageOr404(c.req.param('id'));
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad-body', 'expected a JSON object like {"seen": true}');
    const known = ['seen', 'flagged', 'folder'];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length) throw new HttpError(400, 'bad-body', `unknown field ${unknown[0]}; allowed: ${known.join(', ')}`);
    for (const [field, flag] of [['seen', SEEN], ['flagged', FLAGGED]] as const) {
      const value = body[field];
      if (value === undefined) continue;
      if (typeof value !== 'boolean') throw new HttpError(400, 'bad-body', `${field} must be true or false`);
      store.setFlags([message.id], value ? 'add' : 'remove', [flag]);
    }
    if (body.folder !== undefined) {
      if (typeof body.folder !== 'string' || !body.folder) throw new HttpError(400, 'bad-body', 'folder must be a folder name');
      if (!store.getFolder(body.folder)) throw new HttpError(404, 'no-such-folder', `no folder named ${body.folder}`);
      if (store.getFolder(body.folder)!.name !== message.folder) {
        const [[, newId]] = store.move([message.id], body.folder);
        message = store.get(newId)!;
      }
    }
    return c.json(await toDetail(message));
  });

  api.delete('/messages/:id', (c) => {
    store.delete([messageOr404(c.req.param('id')).id]);
    return c.body(null, 204);
  });

  api.get('/wait', async (c) => {
    const q = c.req.query();
    const timeout = intParam(q.timeout, 'timeout', DEFAULT_WAIT_MS, MAX_WAIT_MS);
    const after = q.after === undefined ? undefined : intParam(q.after, 'after', 0, Number.MAX_SAFE_INTEGER);
    try {
      const message = await waitForMessage(
        store,
        { to: q.to || undefined, from: q.from || undefined, subject: q.subject || undefined, after },
        { timeout, signal: c.req.raw.signal },
      );
      return c.json(await toDetail(message));
    } catch (err) {
      if (err instanceof WaitTimeoutError) throw new HttpError(408, 'timeout', err.message);
      throw err;
    }
  });

  api.get('/mailboxes', (c) => c.json(store.mailboxes()));

  api.get('/folders', (c) => {
    const folders: FolderInfo[] = store.folders().map((folder) => {
      let unread = 0;
      for (const message of folder.messages.values()) if (!message.flags.has(SEEN)) unread++;
      return { name: folder.name, specialUse: folder.specialUse, total: folder.messages.size, unread };
    });
    return c.json(folders);
  });

  api.get('/health', (c) => {
    const stats = store.stats();
    const health: HealthInfo = {
      status: 'ok',
      version: deps.version,
      ...stats,
      ...deps.listeners(),
      loginRule: 'A login with @ (alice@example.com) sees mail sent to that address; any other login sees all mail.',
      authRequired: config.mailAuth === 'required',
    };
    return c.json(health);
  });

  return api;
}
