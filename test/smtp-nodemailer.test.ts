// Real mail from nodemailer: the API returns exactly what was sent, byte for byte.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MessageDetail } from '../server/types.ts';
import { api, sendMail, smtpTransport, startSandbox } from './helpers/sandbox.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('SMTP with nodemailer', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
  });
  afterAll(() => sandbox.close());

  const detail = async (id: number) => (await api<MessageDetail>(sandbox, `/api/v1/messages/${id}`)).body;
  const raw = async (id: number) => Buffer.from(await (await fetch(`${sandbox.url}/api/v1/messages/${id}/raw`)).arrayBuffer());

  it('captures a plain mail with its envelope', async () => {
    const id = await sendMail(sandbox, { from: 'App <app@example.com>', to: 'alice@example.com', subject: 'Welcome', text: 'Hi Alice' });
    const message = await detail(id);
    expect(message).toMatchObject({
      subject: 'Welcome',
      from: { name: 'App', address: 'app@example.com' },
      to: [{ name: '', address: 'alice@example.com' }],
      envelope: { mailFrom: 'app@example.com', rcptTo: ['alice@example.com'] },
      seen: false,
      folder: 'INBOX',
    });
    expect(message.text?.trim()).toBe('Hi Alice');
  });

  it('keeps multipart/alternative, attachments and inline cid images, raw bytes equal', async () => {
    const attachment = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
    const id = await sendMail(sandbox, {
      subject: 'Rich',
      text: 'plain part',
      html: '<p>html part <img src="cid:logo@app"></p>',
      attachments: [
        { filename: 'data.bin', content: attachment },
        { filename: 'logo.png', content: fixture('inline-cid.eml').subarray(0, 10), cid: 'logo@app' },
      ],
    });
    const message = await detail(id);
    expect(message.text?.trim()).toBe('plain part');
    expect(message.html).toContain('html part');
    const bin = message.attachments.find((a) => a.filename === 'data.bin')!;
    expect(bin).toMatchObject({ size: 3000, inline: false });
    const logo = message.attachments.find((a) => a.filename === 'logo.png')!;
    expect(logo).toMatchObject({ contentId: 'logo@app', inline: true });
    const download = await fetch(`${sandbox.url}/api/v1/messages/${id}/attachments/${bin.partId}`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="data.bin"/);
    expect(Buffer.from(await download.arrayBuffer()).equals(attachment)).toBe(true);
    const stored = sandbox.store.get(id)!;
    expect((await raw(id)).equals(stored.content.raw)).toBe(true);
    const html = await fetch(`${sandbox.url}/api/v1/messages/${id}/html`);
    expect(await html.text()).toContain(`/api/v1/messages/${id}/attachments/${logo.partId}`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('accepts UTF-8 addresses and headers (SMTPUTF8)', async () => {
    const id = await sendMail(sandbox, {
      from: 'Jürgen <jürgen@bücher.example>',
      to: 'δοκιμή@παράδειγμα.example',
      subject: 'Grüße ✓ 日本語',
      text: 'Größe: 8-bit body — ✓',
    });
    const message = await detail(id);
    expect(message.subject).toBe('Grüße ✓ 日本語');
    expect(message.envelope.rcptTo).toEqual(['δοκιμή@παράδειγμα.example']);
    expect(message.text?.trim()).toBe('Größe: 8-bit body — ✓');
    expect(sandbox.store.get(id)!.owners).toEqual(['δοκιμή@παράδειγμα.example']);
  });

  it('stores every fixture byte-identical, malformed MIME and huge lines included', async () => {
    const transport = smtpTransport(sandbox);
    try {
      for (const name of ['plain.eml', 'utf8-headers.eml', 'malformed.eml', 'huge-line.eml', 'inline-cid.eml', 'multipart-attachment.eml']) {
        const bytes = fixture(name);
        const info = await transport.sendMail({ envelope: { from: 'fixture@example.com', to: ['rcpt@example.com'] }, raw: bytes });
        const id = Number(/stored as (\d+)/.exec(info.response)![1]);
        expect((await raw(id)).equals(bytes), name).toBe(true);
        const { status, body } = await api<MessageDetail>(sandbox, `/api/v1/messages/${id}`);
        expect(status, name).toBe(200);
        if (name === 'malformed.eml') expect(body.parseErrors).toEqual(['multipart boundary "never-closed" is never closed']);
        else expect(body.parseErrors, name).toEqual([]);
      }
    } finally {
      transport.close();
    }
  });

  it('delivers one message to many recipients, each owning it (Bcc included)', async () => {
    const id = await sendMail(sandbox, { to: 'a@example.com', cc: 'b@example.com', bcc: 'hidden@example.com', subject: 'many' });
    expect(sandbox.store.get(id)!.owners).toEqual(['a@example.com', 'b@example.com', 'hidden@example.com']);
    const list = await api<{ total: number }>(sandbox, '/api/v1/messages?mailbox=hidden@example.com');
    expect(list.body.total).toBe(1);
  });

  it('stores every acknowledged message from many concurrent senders', async () => {
    const before = sandbox.store.stats().messages;
    const senders = 20;
    const perSender = 50;
    const ids = await Promise.all(
      Array.from({ length: senders }, async (_, s) => {
        const transport = smtpTransport(sandbox, { pool: true });
        const mine: number[] = [];
        try {
          for (let i = 0; i < perSender; i++) {
            const info = await transport.sendMail({ from: `s${s}@example.com`, to: 'load@example.com', subject: `load ${s}/${i}`, text: 'x'.repeat(500) });
            mine.push(Number(/stored as (\d+)/.exec(info.response)![1]));
          }
        } finally {
          transport.close();
        }
        return mine;
      }),
    );
    const all = ids.flat();
    expect(new Set(all).size).toBe(senders * perSender);
    expect(sandbox.store.stats().messages - before).toBe(senders * perSender);
    for (const id of all) expect(sandbox.store.get(id)).toBeDefined();
  });
});
