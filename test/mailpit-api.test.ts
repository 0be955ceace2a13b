// The real npm `mailpit-api` client, unchanged but for its base URL, against a running sandbox.
import { MailpitClient } from 'mailpit-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import * as Shape from './helpers/mailpit-shapes.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox;
let mailpit: MailpitClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  mailpit = new MailpitClient(`${sandbox.url}/mailpit`);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.store.clear());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function seed() {
  const welcome = await sendMail(sandbox, {
    from: 'Shop <orders@shop.example>',
    to: 'Alice <alice@example.com>',
    cc: 'carol@example.com',
    bcc: 'audit@example.com',
    replyTo: 'help@shop.example',
    subject: 'Welcome aboard',
    text: 'Your zebra is on its way.',
    html: '<p>Your <b>zebra</b> is on its way.</p><img src="cid:logo">',
    headers: { 'X-Tags': 'onboarding, Promo', 'List-Unsubscribe': '<mailto:stop@shop.example>, <https://shop.example/stop>' },
    attachments: [
      { filename: 'terms.pdf', content: Buffer.from('%PDF-1.4 terms'), contentType: 'application/pdf' },
      { filename: 'logo.png', content: PNG, contentType: 'image/png', cid: 'logo' },
    ],
  });
  const receipt = await sendMail(sandbox, { from: 'billing@shop.example', to: 'bob@example.com', subject: 'Receipt 42', text: 'Paid in full.' });
  return { welcome: String(welcome), receipt: String(receipt) };
}

describe('mailpit-api client', () => {
  it('lists messages, newest first, in the published shape', async () => {
    const { welcome, receipt } = await seed();
    const list = await mailpit.listMessages();
    Shape.List.parse(list);
    expect(list.messages.map((m) => m.ID)).toEqual([receipt, welcome]);
    expect(list).toMatchObject({ total: 2, unread: 2, messages_count: 2, messages_unread: 2, start: 0, count: 2 });
    expect(list.tags).toEqual(['onboarding', 'Promo']);
    const summary = list.messages[1];
    expect(summary).toMatchObject({
      From: { Name: 'Shop', Address: 'orders@shop.example' },
      To: [{ Name: 'Alice', Address: 'alice@example.com' }],
      Cc: [{ Name: '', Address: 'carol@example.com' }],
      Bcc: [{ Name: '', Address: 'audit@example.com' }],
      ReplyTo: [{ Name: '', Address: 'help@shop.example' }],
      Subject: 'Welcome aboard',
      Read: false,
      Attachments: 1,
      Tags: ['onboarding', 'Promo'],
    });
    expect(summary.Snippet).toContain('zebra');
    expect((await mailpit.listMessages(1, 1)).messages.map((m) => m.ID)).toEqual([welcome]);
  });

  it('gets the latest message, its headers, source and parts; opening marks it read', async () => {
    const { receipt, welcome } = await seed();
    const latest = await mailpit.getMessageSummary();
    Shape.Message.parse(latest);
    expect(latest.ID).toBe(receipt);
    const message = await mailpit.getMessageSummary(welcome);
    expect(message).toMatchObject({ Subject: 'Welcome aboard', ReturnPath: 'orders@shop.example', Text: 'Your zebra is on its way.' });
    expect(message.HTML).toContain('<b>zebra</b>');
    expect(message.Attachments.map((a) => [a.FileName, a.ContentType])).toEqual([['terms.pdf', 'application/pdf']]);
    expect(message.Inline.map((a) => [a.FileName, a.ContentID])).toEqual([['logo.png', 'logo']]);
    expect(message.ListUnsubscribe.Links).toEqual(['mailto:stop@shop.example', 'https://shop.example/stop']);
    expect((await mailpit.listMessages()).unread).toBe(0);

    const headers = await mailpit.getMessageHeaders(welcome);
    Shape.Headers.parse(headers);
    expect(headers.Subject).toEqual(['Welcome aboard']);
    expect(headers['Message-Id']?.[0]).toMatch(/^<.+>$/);
    expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());

    expect((await mailpit.renderMessageText(welcome)).trim()).toBe('Your zebra is on its way.');
    await expect(mailpit.renderMessageHTML()).rejects.toThrow(/404/);
    expect(await mailpit.renderMessageHTML(welcome)).toContain('<b>zebra</b>');
    const source = await mailpit.getMessageSource(welcome);
    expect(source).toContain('Subject: Welcome aboard');
    const pdf = await mailpit.getMessageAttachment(welcome, message.Attachments[0].PartID);
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.4 terms');
  });

  it('answers an unknown ID with 404 as Mailpit does', async () => {
    await expect(mailpit.getMessageSummary('999999')).rejects.toThrow(/404 Not Found.*404 page not found/);
    await expect(mailpit.getMessageSummary()).rejects.toThrow(/404 .*Message not found/);
    const response = await fetch(`${sandbox.url}/mailpit/api/v1/message/nope/headers`);
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([404, 'text/plain; charset=utf-8', '404 page not found']);
  });

  it('searches with every operator', async () => {
    const { welcome, receipt } = await seed();
    const found = async (query: string) => {
      const result = await mailpit.searchMessages({ query, tz: 'UTC' });
      Shape.List.parse(result);
      return result.messages.map((m) => m.ID).sort();
    };
    const both = [welcome, receipt].sort();
    expect(await found('zebra')).toEqual([welcome]);
    expect(await found('"on its way"')).toEqual([welcome]);
    expect(await found('zebra paid')).toEqual([]);
    expect(await found('from:billing')).toEqual([receipt]);
    expect(await found('to:alice')).toEqual([welcome]);
    expect(await found('cc:carol')).toEqual([welcome]);
    expect(await found('bcc:audit')).toEqual([welcome]);
    expect(await found('reply-to:help@shop')).toEqual([welcome]);
    expect(await found('addressed:bob')).toEqual([receipt]);
    expect(await found('subject:"receipt 42"')).toEqual([receipt]);
    const messageId = (await mailpit.getMessageSummary(receipt)).MessageID;
    expect(await found(`message-id:${messageId}`)).toEqual([receipt]);
    expect(await found('tag:promo')).toEqual([welcome]);
    expect(await found('is:read')).toEqual([receipt]);
    expect(await found('is:unread')).toEqual([welcome]);
    expect(await found('is:tagged')).toEqual([welcome]);
    expect(await found('has:attachment')).toEqual([welcome]);
    expect(await found('has:inline')).toEqual([welcome]);
    expect(await found('-has:attachment')).toEqual([receipt]);
    expect(await found('!from:billing')).toEqual([welcome]);
    expect(await found('after:2000-01-01')).toEqual(both);
    expect(await found('before:2000-01-01')).toEqual([]);
    expect(await found('larger:1k')).toEqual([welcome]);
    expect(await found('smaller:1k')).toEqual([receipt]);
    const result = await mailpit.searchMessages({ query: 'shop.example' });
    expect(result).toMatchObject({ total: 2, messages_count: 2, messages_unread: 1 });
  });

  it('sets read status by IDs, by search and for all', async () => {
    const { welcome, receipt } = await seed();
    expect(await mailpit.setReadStatus({ IDs: [welcome], Read: true })).toBe('ok');
    expect((await mailpit.listMessages()).messages.map((m) => [m.ID, m.Read])).toEqual([[receipt, false], [welcome, true]]);
    await mailpit.setReadStatus({ Search: 'from:billing', Read: true });
    expect((await mailpit.listMessages()).unread).toBe(0);
    await mailpit.setReadStatus({ Read: false });
    expect((await mailpit.listMessages()).unread).toBe(2);
  });

  it('sends a message that is stored as real MIME, tagged and addressed as sent', async () => {
    const sent = await mailpit.sendMessage({
      From: { Email: 'app@example.com', Name: 'The App' },
      To: [{ Email: 'user@example.com', Name: 'User' }],
      Bcc: ['hidden@example.com'],
      Subject: 'Sent over HTTP',
      Text: 'plain body',
      HTML: '<p>html body</p>',
      Tags: ['api'],
      Headers: { 'X-Trace': 'abc' },
      Attachments: [{ Content: Buffer.from('hello').toString('base64'), Filename: 'hello.txt' }],
    });
    Shape.SendResponse.parse(sent);
    const { ID } = sent;
    const stored = sandbox.store.get(Number(ID))!;
    expect(stored.envelope).toEqual({ mailFrom: 'app@example.com', rcptTo: ['user@example.com', 'hidden@example.com'] });
    const message = await mailpit.getMessageSummary(ID);
    expect(message).toMatchObject({ Subject: 'Sent over HTTP', Text: 'plain body', Tags: ['api'], Bcc: [{ Address: 'hidden@example.com', Name: '' }] });
    expect(message.Attachments.map((a) => a.FileName)).toEqual(['hello.txt']);
    expect((await mailpit.getMessageHeaders(ID))['X-Trace']).toEqual(['abc']);
    await expect(mailpit.sendMessage({ From: { Email: 'not an address' }, To: [{ Email: 'user@example.com' }] })).rejects.toThrow(/400.*invalid From address/);
  });

  it('sets, renames and deletes tags', async () => {
    const { welcome, receipt } = await seed();
    await mailpit.setReadStatus({ IDs: [receipt], Read: true });
    expect(await mailpit.setTags({ IDs: [receipt], Tags: ['Billing', 'urgent'] })).toBe('ok');
    expect(Shape.Tags.parse(await mailpit.getTags())).toEqual(['Billing', 'onboarding', 'Promo', 'urgent']);
    expect(sandbox.store.get(Number(receipt))!.flags).toEqual(new Set(['\\Seen', 'Billing', 'urgent']));
    await mailpit.renameTag('urgent', 'later');
    expect((await mailpit.getMessageSummary(receipt)).Tags).toEqual(['Billing', 'later']);
    await mailpit.deleteTag('Promo');
    expect((await mailpit.getMessageSummary(welcome)).Tags).toEqual(['onboarding']);
    await mailpit.setTags({ IDs: [welcome], Tags: ['Tag 1', 'onboarding'] });
    expect((await mailpit.getMessageSummary(welcome)).Tags).toEqual(['Tag_1', 'onboarding']);
    await mailpit.renameTag('Tag 1', 'Tag 2');
    expect((await mailpit.searchMessages({ query: 'tag:"Tag 2"' })).messages.map((m) => m.ID)).toEqual([welcome]);
    await mailpit.deleteTag('Tag 2');
    await mailpit.setTags({ IDs: [welcome], Tags: [] });
    expect(await mailpit.getTags()).toEqual(['Billing', 'later']);
  });

  it('deletes by IDs, by search and everything', async () => {
    const { welcome, receipt } = await seed();
    const third = String(await sendMail(sandbox, { subject: 'third', text: 'x' }));
    expect(await mailpit.deleteMessages({ IDs: [welcome] })).toBe('ok');
    expect((await mailpit.listMessages()).messages.map((m) => m.ID)).toEqual([third, receipt]);
    expect(await mailpit.deleteMessagesBySearch({ query: 'subject:third' })).toBe('ok');
    expect((await mailpit.listMessages()).messages.map((m) => m.ID)).toEqual([receipt]);
    await mailpit.deleteMessages();
    expect((await mailpit.listMessages()).total).toBe(0);
    await expect(mailpit.deleteMessagesBySearch({ query: '' })).rejects.toThrow(/400/);
  });

  it('reports info and web UI settings in the published shape', async () => {
    await seed();
    const info = await mailpit.getInfo();
    Shape.Info.parse(info);
    expect(info).toMatchObject({ Messages: 2, Unread: 2, Tags: { onboarding: 1, Promo: 1 } });
    expect(info.RuntimeStats.SMTPAccepted).toBeGreaterThanOrEqual(2);
    Shape.WebUi.parse(await mailpit.getConfiguration());
    for (const probe of ['livez', 'readyz']) expect((await fetch(`${sandbox.url}/mailpit/${probe}`)).status).toBe(200);
  });

  it('waits for a message with the client helper', async () => {
    const waiting = mailpit.waitForMessage({ query: 'subject:later' }, { timeout: 5000, interval: 50 });
    await sendMail(sandbox, { subject: 'later', text: 'arrives' });
    expect((await waiting).Subject).toBe('later');
  });
});

describe('the dialects behind the browser guard', () => {
  it('refuse a change or an event stream asked for by a page of another origin', async () => {
    const id = String(await sendMail(sandbox, { subject: 'keep me', text: 'x' }));
    const evil = { origin: 'http://evil.example', 'content-type': 'text/plain' };
    const send = await fetch(`${sandbox.url}/mailpit/api/v1/send`, { method: 'POST', headers: evil, body: JSON.stringify({ From: { Email: 'a@example.com' } }) });
    expect(send.status).toBe(403);
    expect((await fetch(`${sandbox.url}/mailpit/api/v1/messages`, { method: 'DELETE', headers: evil })).status).toBe(403);
    expect((await fetch(`${sandbox.url}/mailhog/api/v1/messages`, { method: 'DELETE', headers: evil })).status).toBe(403);
    expect(sandbox.store.get(Number(id))).toBeDefined();
    const ws = new WebSocket(`${sandbox.url!.replace('http', 'ws')}/mailpit/api/events`, { headers: { origin: 'http://evil.example' } });
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('error', () => undefined);
      ws.on('open', () => resolve(101));
      ws.on('unexpected-response', (request, response) => {
        resolve(response.statusCode);
        request.destroy();
      });
    });
    expect(status).toBe(403);
  });
});

describe('Mailpit events', () => {
  it('sends new, update, delete, truncate and throttled stats frames', async () => {
    const ws = new WebSocket(`${sandbox.url!.replace('http', 'ws')}/mailpit/api/events`);
    const frames: Array<{ Type: string; Data: Record<string, unknown> | null }> = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once('open', resolve));
    const id = String(await sendMail(sandbox, { subject: 'live', text: 'x' }));
    await mailpit.setReadStatus({ IDs: [id], Read: true });
    await mailpit.setTags({ IDs: [id], Tags: ['seen-live'] });
    await mailpit.deleteMessages({ IDs: [id] });
    await mailpit.deleteMessages();
    const lastStats = () => frames.filter((f) => f.Type === 'stats').at(-1)?.Data;
    await expect.poll(lastStats, { timeout: 10_000 }).toMatchObject({ Total: 0, Unread: 0 });
    ws.close();
    const events = frames.filter((f) => f.Type !== 'stats');
    expect(events.map((f) => f.Type)).toEqual(['new', 'update', 'update', 'delete', 'truncate']);
    Shape.Summary.parse(events[0].Data);
    expect(events[1].Data).toEqual({ ID: id, Read: true });
    expect(events[2].Data).toEqual({ ID: id, Tags: ['seen-live'] });
    expect(events[3].Data).toEqual({ ID: id });
    const stats = frames.filter((f) => f.Type === 'stats');
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.length).toBeLessThan(frames.length);
  });
});
