// The real npm `mailhog` client (blueimp), unchanged but for basePath, against a running sandbox.
import createMailhog from 'mailhog';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MailhogMessage } from '../server/http/mailhog/shapes.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox;
let mailhog: ReturnType<typeof createMailhog>;

beforeAll(async () => {
  sandbox = await startSandbox();
  mailhog = createMailhog({ host: sandbox.http!.host, port: sandbox.http!.port, basePath: '/mailhog/api' });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.store.clear());

async function seed() {
  const invoice = await sendMail(sandbox, {
    from: 'Billing <billing@shop.example>',
    to: 'Alice <alice@example.com>',
    subject: 'Invoice =?utf-8?',
    text: 'Total due: 42 €',
    attachments: [{ filename: 'invoice.pdf', content: Buffer.from('%PDF-1.4 invoice'), contentType: 'application/pdf' }],
  });
  const note = await sendMail(sandbox, { from: 'news@paper.example', to: 'bob@example.com', subject: 'Morning news', text: 'Plain and simple.', html: '<p>Plain and <i>simple</i>.</p>' });
  return { invoice: String(invoice), note: String(note) };
}

describe('mailhog client', () => {
  it('lists messages newest first with decoded convenience fields', async () => {
    const { invoice, note } = await seed();
    const result = await mailhog.messages();
    expect(result).toMatchObject({ total: 2, count: 2, start: 0 });
    expect(result!.items.map((m) => m.ID)).toEqual([note, invoice]);
    const [latest, first] = result!.items;
    expect(latest.subject).toBe('Morning news');
    expect(latest.text.trim()).toBe('Plain and simple.');
    expect(first.from).toBe('Billing <billing@shop.example>');
    expect(first.to).toBe('Alice <alice@example.com>');
    expect(first.text).toContain('Total due: 42 €');
    expect(latest.html).toContain('<i>simple</i>');
    expect(first.attachments.map((a) => a.name)).toEqual(['invoice.pdf']);
    const wire = first as unknown as MailhogMessage;
    expect(wire.From).toEqual({ Relays: null, Mailbox: 'billing', Domain: 'shop.example', Params: '' });
    expect(wire.Raw.To).toEqual(['alice@example.com']);
    expect(wire.Raw.Data).toContain('Subject: Invoice');
    expect((await mailhog.messages(1, 1))!.items.map((m) => m.ID)).toEqual([invoice]);
  });

  it('searches by from, to and containing', async () => {
    const { invoice, note } = await seed();
    const ids = async (kind: string, query: string) => (await mailhog.search(query, kind))!.items.map((m) => m.ID);
    expect(await ids('from', 'billing@shop')).toEqual([invoice]);
    expect(await ids('to', 'bob@example.com')).toEqual([note]);
    expect(await ids('containing', 'simple')).toEqual([note]);
    expect(await ids('containing', 'example')).toEqual([note, invoice]);
    expect((await mailhog.latestTo('alice@example.com'))!.ID).toBe(invoice);
    expect((await mailhog.latestFrom('news@paper'))!.ID).toBe(note);
    expect((await mailhog.latestContaining('42 €'))!.ID).toBe(invoice);
  });

  it('deletes one message and then all', async () => {
    const { invoice, note } = await seed();
    expect((await mailhog.deleteMessage(invoice)).statusCode).toBe(200);
    expect((await mailhog.messages())!.items.map((m) => m.ID)).toEqual([note]);
    expect((await mailhog.deleteAll()).statusCode).toBe(200);
    expect((await mailhog.messages())!.total).toBe(0);
  });
});

describe('MailHog API shapes', () => {
  const get = async (path: string) => {
    const response = await fetch(`${sandbox.url}/mailhog${path}`);
    return { status: response.status, body: response.status === 200 ? await response.json() : null };
  };

  it('returns v1 messages as a bare array, one message, and its download', async () => {
    const { invoice } = await seed();
    const list = await get('/api/v1/messages');
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body).toHaveLength(2);
    const one = await get(`/api/v1/messages/${invoice}`);
    expect(Object.keys(one.body).sort()).toEqual(['Content', 'Created', 'From', 'ID', 'MIME', 'Raw', 'To']);
    expect(Object.keys(one.body.Content).sort()).toEqual(['Body', 'Headers', 'MIME', 'Size']);
    expect(Object.keys(one.body.Raw).sort()).toEqual(['Data', 'From', 'Helo', 'To']);
    expect(one.body.Content.Headers.Subject).toEqual(['Invoice =?utf-8?']);
    expect(one.body.MIME.Parts.length).toBe(2);
    expect(Object.keys(one.body.MIME.Parts[0]).sort()).toEqual(['Body', 'Headers', 'MIME', 'Size']);
    const download = await fetch(`${sandbox.url}/mailhog/api/v1/messages/${invoice}/download`);
    expect(download.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(sandbox.store.get(Number(invoice))!.content.raw);
    expect((await get('/api/v1/messages/999999')).status).toBe(404);
  });

  it('refuses a bad search kind or an empty query, and has no Jim', async () => {
    expect((await get('/api/v2/search?kind=subject&query=x')).status).toBe(400);
    expect((await get('/api/v2/search?kind=from&query=')).status).toBe(400);
    expect((await get('/api/v2/jim')).status).toBe(404);
  });
});
