// A first search over a large store decodes every body once. It runs in turns, so SMTP keeps
// answering meanwhile, and what is deleted during the search is not in its answer.
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

const MESSAGES = 3000;
/** Every HIT_EVERY-th message holds the word searched for. */
const HIT_EVERY = 100;

/** About 10 KB of HTML, which MailComposer encodes, so a search has to decode it. */
function compose(word: string): Promise<Buffer> {
  const paragraphs = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i} about invoices, orders &amp; delivery dates: ${'é'.repeat(40)}</p>`);
  paragraphs.splice(30, 0, `<p>The ${word} is here.</p>`);
  const mail = new MailComposer({ from: 'shop@example.test', to: 'buyer@example.test', subject: 'Your order', html: paragraphs.join('\n') });
  return mail.compile().build();
}

const sandboxes: Sandbox[] = [];
let hit: Buffer;
let miss: Buffer;

beforeAll(async () => {
  [hit, miss] = await Promise.all([compose('zebrafish'), compose('giraffe')]);
});

afterAll(() => Promise.all(sandboxes.map((sandbox) => sandbox.close())));

/** A sandbox holding MESSAGES messages, none searched yet, and the ids of those with the word. */
async function filled(): Promise<{ sandbox: Sandbox; hits: number[] }> {
  const sandbox = await startSandbox({ imapPort: null, pop3Port: null, maxMessages: MESSAGES * 2 });
  sandboxes.push(sandbox);
  const hits: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    // A copy of its own: search texts are kept per message's bytes.
    const message = sandbox.store.add(Buffer.from(i % HIT_EVERY ? miss : hit), { mailFrom: 'shop@example.test', rcptTo: ['buyer@example.test'] });
    if (i % HIT_EVERY === 0) hits.push(message.id);
  }
  return { sandbox, hits };
}

describe('a search over the whole store', () => {
  const searches = [
    { api: 'the native list', path: '/api/v1/messages?q=zebrafish&limit=100', check: (body: { total?: number }, hits: number[]) => expect(body.total).toBe(hits.length) },
    { api: "Mailpit's latest", path: '/mailpit/api/v1/message/latest?query=zebrafish', check: (body: { ID?: string }, hits: number[]) => expect(body.ID).toBe(String(hits.at(-1))) },
  ];

  it.each(searches)('lets SMTP take and acknowledge a message while $api decodes every body the first time', async ({ path, check }) => {
    const { sandbox, hits } = await filled();
    const order: string[] = [];
    const searched = api<{ total?: number; ID?: string }>(sandbox, path).then((answer) => {
      order.push('search answered');
      return answer;
    });
    // The search is under way once it has decoded a body.
    await vi.waitFor(() => expect(sandbox.store.searchTexts.bytes).toBeGreaterThan(0), { interval: 1, timeout: 20_000 });
    const sent = sendMail(sandbox, { subject: 'sent during the search', text: 'hello' }).then((id) => {
      order.push('SMTP acknowledged');
      return id;
    });
    // How far the search had got when the SMTP message was stored.
    let decodedWhenStored = -1;
    const stop = sandbox.store.subscribe((event) => {
      if (event.type === 'message.added') decodedWhenStored = sandbox.store.searchTexts.bytes;
    });
    const [answer, id] = await Promise.all([searched, sent]);
    stop();
    expect(order).toEqual(['SMTP acknowledged', 'search answered']);
    expect(decodedWhenStored).toBeLessThan(sandbox.store.searchTexts.bytes);
    expect(answer.status).toBe(200);
    check(answer.body, hits);
    expect(sandbox.store.get(id)?.content.meta.subject).toBe('sent during the search');
  });

  it('leaves out what was deleted while it ran, and does not search what came meanwhile', async () => {
    const { sandbox, hits } = await filled();
    const listed = sandbox.store.listInTurns({ q: 'paragraph' });
    const [deleted] = hits.splice(-1);
    sandbox.store.delete([deleted]);
    const late = sandbox.store.add(await compose('zebrafish'), { mailFrom: 'shop@example.test', rcptTo: ['buyer@example.test'] });
    const { total, messages } = await listed;
    const ids = messages.map((message) => message.id);
    expect(ids).not.toContain(deleted);
    expect(ids).not.toContain(late.id);
    expect(total).toBe(MESSAGES - 1);
    // Newest first, as list() gives them, and the same as list() now that the search is warm.
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(sandbox.store.list({ q: 'zebrafish' }).total).toBe(hits.length + 1);
  });
});
