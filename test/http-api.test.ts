// The REST API over a real listener: list, detail, flags, folders, delete, wait, errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { ApiError, FolderInfo, HealthInfo, MailboxInfo, MessageDetail, MessageList } from '../server/types.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

describe('REST API', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.store.clear());

  it('lists newest first with paging, totals, unread count and snippets', async () => {
    for (let i = 1; i <= 5; i++) await sendMail(sandbox, { subject: `n${i}`, text: `body number ${i}` });
    const { body } = await api<MessageList>(sandbox, '/api/v1/messages?limit=2&offset=1');
    expect(body.total).toBe(5);
    expect(body.unread).toBe(5);
    expect(body.messages.map((m) => m.subject)).toEqual(['n4', 'n3']);
    expect(body.messages[0].snippet).toBe('body number 4');
  });

  it('says which arrivals a list counts: newestId is the newest id given out, whatever the filter', async () => {
    const first = await sendMail(sandbox, { subject: 'kept' });
    const newest = await sendMail(sandbox, { subject: 'gone' });
    sandbox.store.delete([newest]);
    const archive = await api<MessageList>(sandbox, '/api/v1/messages?folder=Archive');
    expect(archive.body).toMatchObject({ total: 0, newestId: newest });
    const all = await api<MessageList>(sandbox, '/api/v1/messages?q=subject:kept');
    expect(all.body).toMatchObject({ total: 1, newestId: newest });
    expect(all.body.messages.map((m) => m.id)).toEqual([first]);
  });

  it('filters by mailbox, folder, q and unread', async () => {
    const a = await sendMail(sandbox, { to: 'alice@example.com', subject: 'Invoice', text: 'pay' });
    await sendMail(sandbox, { to: 'bob@example.com', subject: 'Hello', text: 'hi' });
    await api(sandbox, `/api/v1/messages/${a}`, { method: 'PATCH', body: JSON.stringify({ seen: true }), headers: { 'content-type': 'application/json' } });
    const subjects = async (query: string) => (await api<MessageList>(sandbox, `/api/v1/messages?${query}`)).body.messages.map((m) => m.subject);
    expect(await subjects('mailbox=alice@example.com')).toEqual(['Invoice']);
    expect(await subjects('q=HELLO')).toEqual(['Hello']);
    expect(await subjects('unread=true')).toEqual(['Hello']);
    expect(await subjects('folder=Archive')).toEqual([]);
    const mailboxes = await api<MailboxInfo[]>(sandbox, '/api/v1/mailboxes');
    expect(mailboxes.body).toEqual([
      { address: 'alice@example.com', total: 1, unread: 0 },
      { address: 'bob@example.com', total: 1, unread: 1 },
    ]);
  });

  it('PATCHes flags and folder; a move gives a new id', async () => {
    const id = await sendMail(sandbox, { subject: 'patch me' });
    const patch = (body: unknown) =>
      api<MessageDetail & ApiError>(sandbox, `/api/v1/messages/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await patch({ seen: true, flagged: true })).body).toMatchObject({ seen: true, flagged: true, flags: ['\\Flagged', '\\Seen'] });
    const moved = await patch({ folder: 'Archive' });
    expect(moved.body.folder).toBe('Archive');
    expect(moved.body.id).toBeGreaterThan(id);
    expect(moved.body.seen).toBe(true);
    expect((await api(sandbox, `/api/v1/messages/${id}`)).status).toBe(404);
    const folders = await api<FolderInfo[]>(sandbox, '/api/v1/folders');
    expect(folders.body.find((f) => f.name === 'Archive')).toEqual({ name: 'Archive', specialUse: '\\Archive', total: 1, unread: 0 });
  });

  it('rejects bad input with JSON errors and fitting statuses', async () => {
    const id = await sendMail(sandbox, { subject: 'x' });
    const patch = (body: string) => api<ApiError>(sandbox, `/api/v1/messages/${id}`, { method: 'PATCH', body, headers: { 'content-type': 'application/json' } });
    expect(await patch('not json')).toMatchObject({ status: 400, body: { error: { code: 'bad-body' } } });
    expect(await patch('{"seen":"yes"}')).toMatchObject({ status: 400, body: { error: { message: 'seen must be true or false' } } });
    expect(await patch('{"color":"red"}')).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('unknown field color') } } });
    expect(await patch('{"folder":"Nope"}')).toMatchObject({ status: 404, body: { error: { code: 'no-such-folder' } } });
    expect(await api(sandbox, '/api/v1/messages/999999')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    expect(await api(sandbox, '/api/v1/messages/abc')).toMatchObject({ status: 404 });
    expect(await api(sandbox, '/api/v1/messages?limit=-1')).toMatchObject({ status: 400, body: { error: { code: 'bad-parameter' } } });
    expect(await api(sandbox, '/api/v1/nothing-here')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    const plain = await fetch(`${sandbox.url}/api/v1/messages/${id}/html`);
    expect(plain.status).toBe(404);
    expect(await plain.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('deletes one and all', async () => {
    const a = await sendMail(sandbox, { subject: 'a' });
    await sendMail(sandbox, { subject: 'b' });
    expect((await fetch(`${sandbox.url}/api/v1/messages/${a}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api<MessageList>(sandbox, '/api/v1/messages')).body.total).toBe(1);
    expect((await fetch(`${sandbox.url}/api/v1/messages`, { method: 'DELETE' })).status).toBe(204);
    expect((await api<MessageList>(sandbox, '/api/v1/messages')).body.total).toBe(0);
  });

  it('serves an HTML body that stays sandboxed even outside the UI iframe', async () => {
    const id = await sendMail(sandbox, { subject: 'html', html: '<p>hi</p><script>parent.x = 1</script>' });
    const page = await fetch(`${sandbox.url}/api/v1/messages/${id}/html`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/(^|; )sandbox allow-popups allow-popups-to-escape-sandbox($|;)/);
    expect(csp).not.toMatch(/allow-scripts|allow-same-origin/);
  });

  it('serves raw source for download and attachments that cannot run as pages', async () => {
    const id = await sendMail(sandbox, { subject: 'att', text: 'see file', attachments: [{ filename: 'evil.html', content: '<script>alert(1)</script>', contentType: 'text/html' }] });
    const raw = await fetch(`${sandbox.url}/api/v1/messages/${id}/raw?download=1`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.headers.get('content-disposition')).toContain(`message-${id}.eml`);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    expect(raw.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    const detail = (await api<MessageDetail>(sandbox, `/api/v1/messages/${id}`)).body;
    const part = await fetch(`${sandbox.url}/api/v1/messages/${id}/attachments/${detail.attachments[0].partId}`);
    expect(part.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(part.headers.get('content-security-policy')).toContain('sandbox');
    expect((await fetch(`${sandbox.url}/api/v1/messages/${id}/attachments/9.9`)).status).toBe(404);
  });

  it('wait returns a present match, waits for a future one, and times out with 408', async () => {
    await sendMail(sandbox, { to: 'early@example.com', subject: 'already here' });
    const present = await api<MessageDetail>(sandbox, '/api/v1/wait?to=early@example.com&timeout=1000');
    expect(present.body.subject).toBe('already here');

    const pending = api<MessageDetail>(sandbox, '/api/v1/wait?to=late@example.com&subject=code&timeout=10000');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sendMail(sandbox, { to: 'late@example.com', subject: 'noise' });
    await sendMail(sandbox, { to: 'late@example.com', subject: 'Your code is 123456', text: 'code: 123456' });
    const future = await pending;
    expect(future.status).toBe(200);
    expect(future.body.subject).toBe('Your code is 123456');
    expect(future.body.text).toContain('123456');

    const timeout = await api<ApiError>(sandbox, '/api/v1/wait?to=nobody@example.com&timeout=50');
    expect(timeout).toMatchObject({ status: 408, body: { error: { code: 'timeout' } } });
    expect(await api(sandbox, '/api/v1/wait?timeout=soon')).toMatchObject({ status: 400 });
  });

  it('reports health with listeners and limits', async () => {
    const { body } = await api<HealthInfo>(sandbox, '/api/v1/health');
    expect(body).toMatchObject({ status: 'ok', smtp: { port: sandbox.smtp!.port }, imap: null, maxMessages: 5000 });
  });
});
