// The native REST API, /api/v1. Routes read and change the store; nothing here knows a mail protocol.
// Each route's request is validated by the schemas of routes.ts, which also make /api/v1/openapi.json.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../config.ts';
import type { Faults } from '../faults/index.ts';
import { silentLogger } from '../log.ts';
import { Relay } from '../relay/relay.ts';
import { readAttachment } from '../mail/parse.ts';
import { SessionRegistry } from '../sessions/index.ts';
import { FLAGGED, SEEN, WaitTimeoutError, waitForMessage, type MessageStore, type StoredMessage } from '../store/index.ts';
import type { FolderInfo, HealthInfo, ListenerInfo, MessageList } from '../types.ts';
import { deliverDraft } from './deliver.ts';
import { addFaultRoutes } from './faults-api.ts';
import { releasing } from './release-api.ts';
import { HttpError } from './errors.ts';
import { htmlDocument } from './html.ts';
import { describeApi } from './openapi.ts';
import { toDetail, toSummary } from './present.ts';
import * as R from './routes.ts';
import type { PartKeys } from './security/index.ts';
import { toDraft } from './send-api.ts';
import { addSessionRoutes } from './sessions-api.ts';
import { setTags, tagInfos } from './tags-api.ts';
import { validationError } from './validation.ts';

export interface ApiDeps {
  store: MessageStore;
  config: Config;
  version: string;
  listeners: () => { smtp: ListenerInfo | null; imap: ListenerInfo | null; pop3: ListenerInfo | null };
  /** The recorded sessions; without it (route tests) the sessions routes answer from an empty one. */
  sessions?: SessionRegistry;
  /** Under --ui-auth: keys for the inline parts an HTML document links to. */
  partKeys?: PartKeys;
  faults?: Faults;
  /** Where releases go (--relay); absent = no relay. */
  relay?: Relay;
}

const DEFAULT_LIMIT = 50;
const NO_RELAY = new Relay(null, [], silentLogger);
const DEFAULT_WAIT_MS = 30_000;

const whole = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);
const yes = (value: string | undefined) => value === 'true' || value === '1';

function attachmentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function createApi(deps: ApiDeps): OpenAPIHono {
  const { store, config } = deps;
  const api = new OpenAPIHono({ defaultHook: validationError });

  const messageOr404 = (idParam: string): StoredMessage => {
    const id = Number(idParam);
    const message = Number.isSafeInteger(id) && id > 0 ? store.get(id) : undefined;
    if (!message) throw new HttpError(404, 'not-found', `no message with id ${idParam}`);
    return message;
  };

  api.openapi(R.listMessages, async (c) => {
    const q = c.req.valid('query');
    const folder = q.folder || undefined;
    if (folder && !store.getFolder(folder)) throw new HttpError(404, 'no-such-folder', `no folder named ${folder}`);
    // Taken before a search that runs in turns, which does not search what comes meanwhile.
    const newestId = store.newestId;
    const result = await store.listInTurns(
      { folder, mailbox: q.mailbox || undefined, q: q.q || undefined, unread: q.unread ? yes(q.unread) : undefined },
      { limit: whole(q.limit, DEFAULT_LIMIT), offset: whole(q.offset, 0) },
    );
    const body: MessageList = { total: result.total, unread: result.unread, newestId, messages: result.messages.map(toSummary) };
    return c.json(body, 200);
  });

  api.openapi(R.deleteMessages, (c) => {
    store.clear();
    return c.body(null, 204);
  });

  api.openapi(R.getMessage, async (c) => c.json(await toDetail(messageOr404(c.req.valid('param').id)), 200));

  api.openapi(R.getRaw, (c) => {
    const message = messageOr404(c.req.valid('param').id);
    c.header('Content-Type', 'message/rfc822');
    // The source is untrusted too: a browser must not sniff it into a page of this origin.
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Security-Policy', "sandbox; default-src 'none'");
    if (yes(c.req.valid('query').download)) c.header('Content-Disposition', attachmentDisposition('attachment', `message-${message.id}.eml`));
    return c.body(new Uint8Array(message.content.raw), 200);
  });

  api.openapi(R.getHtml, async (c) => {
    const message = messageOr404(c.req.valid('param').id);
    const { partKeys } = deps;
    const partKey = partKeys ? (partId: string) => partKeys.key(message.id, partId) : undefined;
    const doc = await htmlDocument(message, { remote: yes(c.req.valid('query').remote), origin: new URL(c.req.url).origin, partKey });
    if (!doc) throw new HttpError(404, 'no-html', `message ${message.id} has no HTML body`);
    c.header('Content-Security-Policy', doc.csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(doc.html, 200);
  });

  api.openapi(R.getAttachment, async (c) => {
    const { id, partId } = c.req.valid('param');
    const message = messageOr404(id);
    const part = await readAttachment(message.content.raw, partId);
    if (!part) throw new HttpError(404, 'not-found', `message ${message.id} has no attachment ${partId}`);
    const image = part.info.contentType.startsWith('image/') && part.info.contentType !== 'image/svg+xml';
    const asked = c.req.valid('query').download;
    const download = asked ? yes(asked) : !image;
    c.header('Content-Type', part.info.contentType);
    c.header('Content-Disposition', attachmentDisposition(download ? 'attachment' : 'inline', part.info.filename ?? `part-${part.info.partId}`));
    // Attachments are untrusted: never let one run as a page of this origin.
    c.header('Content-Security-Policy', "sandbox; default-src 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(new Uint8Array(part.content), 200);
  });

  api.openapi(R.patchMessage, async (c) => {
    let message = messageOr404(c.req.valid('param').id);
    const change = c.req.valid('json');
    for (const [value, flag] of [[change.seen, SEEN], [change.flagged, FLAGGED]] as const) {
      if (value !== undefined) store.setFlags([message.id], value ? 'add' : 'remove', [flag]);
    }
    if (change.tags !== undefined) setTags(store, message.id, change.tags);
    if (change.folder !== undefined) {
      const folder = store.getFolder(change.folder);
      if (!folder) throw new HttpError(404, 'no-such-folder', `no folder named ${change.folder}`);
      if (folder.name !== message.folder) {
        const [[, newId]] = store.move([message.id], change.folder);
        message = store.get(newId)!;
      }
    }
    return c.json(await toDetail(message), 200);
  });

  api.openapi(R.deleteMessage, (c) => {
    store.delete([messageOr404(c.req.valid('param').id).id]);
    return c.body(null, 204);
  });

  api.openapi(R.waitFor, async (c) => {
    const q = c.req.valid('query');
    const after = q.after ? Number(q.after) : undefined;
    try {
      const message = await waitForMessage(
        store,
        { to: q.to || undefined, from: q.from || undefined, subject: q.subject || undefined, after },
        { timeout: whole(q.timeout, DEFAULT_WAIT_MS), signal: c.req.raw.signal },
      );
      return c.json(await toDetail(message), 200);
    } catch (err) {
      if (err instanceof WaitTimeoutError) throw new HttpError(408, 'timeout', err.message);
      throw err;
    }
  });

  api.openapi(R.sendMessage, async (c) => {
    const draft = c.req.valid('json');
    const message = await deliverDraft(store, config, toDraft(draft), draft.tags);
    return c.json(await toDetail(message), 201);
  });

  api.openapi(R.listTags, (c) => c.json(tagInfos(store), 200));

  api.openapi(R.listMailboxes, (c) => c.json(store.mailboxes(), 200));

  api.openapi(R.listFolders, (c) => {
    const folders: FolderInfo[] = store.folders().map((folder) => {
      let unread = 0;
      for (const message of folder.messages.values()) if (!message.flags.has(SEEN)) unread++;
      return { name: folder.name, specialUse: folder.specialUse, total: folder.messages.size, unread };
    });
    return c.json(folders, 200);
  });

  api.openapi(R.health, (c) => {
    const stats = store.stats();
    const health: HealthInfo = {
      status: 'ok',
      version: deps.version,
      ...stats,
      ...deps.listeners(),
      loginRule: 'A login with @ (alice@example.com) sees mail sent to that address; any other login sees all mail.',
      authRequired: config.mailAuth === 'required',
      relay: (deps.relay ?? NO_RELAY).server,
      sessionLog: config.sessionLog,
    };
    return c.json(health, 200);
  });

  api.openapi(R.releaseMessage, async (c) => {
    const message = messageOr404(c.req.valid('param').id);
    // The body is optional: without one the message goes to its envelope recipients.
    const { to } = c.req.valid('json') ?? {};
    return c.json(await releasing(() => (deps.relay ?? NO_RELAY).release(message, to)), 200);
  });

  addFaultRoutes(api, deps.faults);

  addSessionRoutes(api, deps.sessions ?? new SessionRegistry({ mode: 'off', maxSessions: 1, maxTranscript: 1 }));
  describeApi(api, deps.version);
  return api;
}
