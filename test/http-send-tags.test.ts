// The native API's send, tags and search language, over HTTP against a running sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MessageDetail, MessageList, TagInfo } from '../server/types.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ imapPort: null, pop3Port: null });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.store.clear());

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/v1/send', () => {
  it('stores a composed message as SMTP mail would be, with its tags', async () => {
    const sent = await api<MessageDetail>(
      sandbox,
      '/api/v1/send',
      json('POST', {
        from: { address: 'app@example.com', name: 'App' },
        to: ['user@example.com'],
        bcc: [{ address: 'audit@example.com' }],
        subject: 'Hello from the API',
        text: 'plain',
        html: '<p>rich</p>',
        tags: ['api', 'Welcome Mail'],
        headers: { 'X-Trace': '7' },
        attachments: [{ filename: 'a.txt', content: Buffer.from('attached').toString('base64') }],
      }),
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ subject: 'Hello from the API', text: 'plain', tags: ['api', 'Welcome_Mail'], envelope: { mailFrom: 'app@example.com', rcptTo: ['user@example.com', 'audit@example.com'] } });
    expect(sent.body.html).toContain('<p>rich</p>');
    expect(sent.body.attachments.map((a) => a.filename)).toEqual(['a.txt']);
    expect(sent.body.headers.find(([name]) => name === 'X-Trace')).toEqual(['X-Trace', '7']);
    expect(sent.body.headers.some(([name]) => name.toLowerCase() === 'bcc')).toBe(false);
  });

  it('refuses a bad draft with a JSON error', async () => {
    for (const body of [{}, { from: 'nobody', to: ['a@example.com'] }, { from: 'a@example.com' }, { from: 'a@example.com', to: ['b@example.com'], headers: { Subject: 'x' } }]) {
      const result = await api<{ error: { code: string } }>(sandbox, '/api/v1/send', json('POST', body));
      expect([result.status, result.body.error.code]).toEqual([400, 'bad-body']);
    }
  });
});

describe('native tags', () => {
  it('sets tags with PATCH, lists them with counts, and filters with q', async () => {
    const a = await sendMail(sandbox, { subject: 'one', text: 'x' });
    const b = await sendMail(sandbox, { subject: 'two', text: 'x' });
    const patched = await api<MessageDetail>(sandbox, `/api/v1/messages/${a}`, json('PATCH', { tags: ['urgent', 'billing'], seen: true }));
    expect(patched.body).toMatchObject({ tags: ['urgent', 'billing'], seen: true });
    expect(patched.body.flags).toContain('\\Seen');
    await api(sandbox, `/api/v1/messages/${b}`, json('PATCH', { tags: ['urgent'] }));
    const tags = await api<TagInfo[]>(sandbox, '/api/v1/tags');
    expect(tags.body).toEqual([
      { name: 'billing', total: 1, unread: 0 },
      { name: 'urgent', total: 2, unread: 1 },
    ]);
    const filtered = await api<MessageList>(sandbox, `/api/v1/messages?q=${encodeURIComponent('tag:urgent -tag:billing')}`);
    expect(filtered.body.messages.map((m) => m.id)).toEqual([b]);
    await api(sandbox, `/api/v1/messages/${a}`, json('PATCH', { tags: [] }));
    expect((await api<MessageDetail>(sandbox, `/api/v1/messages/${a}`)).body.tags).toEqual([]);
    expect((await api(sandbox, `/api/v1/messages/${a}`, json('PATCH', { tags: 'x' }))).status).toBe(400);
  });
});
