// /api/v1/openapi.json documents every native route the app serves, and real answers match the
// schemas the document is generated from.
import type { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { resolveConfig } from '../server/config.ts';
import { EventHub } from '../server/http/events.ts';
import { countRuntime, MailpitFrames } from '../server/http/mailpit/index.ts';
import * as S from '../server/http/schemas.ts';
import { createHttpApp } from '../server/http/server.ts';
import { createLogger } from '../server/log.ts';
import { MessageStore } from '../server/store/index.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox;
let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  sandbox = await startSandbox({ imapPort: null, pop3Port: null });
  doc = (await api<typeof doc>(sandbox, '/api/v1/openapi.json')).body;
});
afterAll(() => sandbox.close());

function servedNativeRoutes(): string[] {
  const store = new MessageStore({ maxMessages: 10, maxBytes: 1e6 });
  const log = createLogger('json', 'silent');
  const deps = { store, config: resolveConfig(), log, version: 'test', listeners: () => ({ smtp: null, imap: null, pop3: null }) };
  const live = { native: new EventHub(store, log), mailpit: new EventHub(store, log, new MailpitFrames(store, 'test')), counters: countRuntime(store) };
  const app = createHttpApp(deps, live);
  live.counters.close();
  live.native.close();
  live.mailpit.close();
  return [
    ...new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/v1/') && !r.path.includes('*') && r.path !== '/api/v1/openapi.json')
        .map((r) => `${r.method.toLowerCase()} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].sort();
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists exactly the routes the app serves', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    const served = servedNativeRoutes();
    expect(served.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual(served);
  });

  it('describes answers that real responses match', async () => {
    const id = await sendMail(sandbox, { subject: 'shape', text: 'body', headers: { 'X-Tags': 'shape' }, attachments: [{ filename: 'a.txt', content: 'a' }] });
    const checks: Array<[string, z.ZodType]> = [
      ['/api/v1/messages', S.MessageList],
      [`/api/v1/messages/${id}`, S.MessageDetail],
      ['/api/v1/tags', S.TagInfo.array()],
      ['/api/v1/mailboxes', S.MailboxInfo.array()],
      ['/api/v1/folders', S.FolderInfo.array()],
      ['/api/v1/health', S.HealthInfo],
      ['/api/v1/wait?subject=shape&timeout=1000', S.MessageDetail],
      ['/api/v1/messages/999999', S.ApiError],
      ['/api/v1/messages?limit=x', S.ApiError],
    ];
    for (const [path, schema] of checks) {
      const { body } = await api(sandbox, path);
      expect(schema.safeParse(body).success, path).toBe(true);
    }
    const patched = await api(sandbox, `/api/v1/messages/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"tags":["a"]}' });
    S.MessageDetail.parse(patched.body);
    const sent = await api(sandbox, '/api/v1/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'a@example.com', to: ['b@example.com'] }) });
    expect(sent.status).toBe(201);
    S.MessageDetail.parse(sent.body);
  });
});
