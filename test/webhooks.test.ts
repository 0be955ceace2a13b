// --webhook against a local HTTP receiver: the summary per new message, retries with backoff, the
// delay, and the bounded queue under a receiver that never answers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { silentLogger } from '../server/log.ts';
import { createContent, MessageStore } from '../server/store/index.ts';
import { Webhooks } from '../server/webhooks/webhooks.ts';
import type { MessageSummary } from '../server/types.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

interface Hit {
  at: number;
  headers: IncomingMessage['headers'];
  body: MessageSummary;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A receiver that answers each POST with the next status of `statuses` (the last one repeats); null = never answers. */
async function receiver(statuses: Array<number | null> = [200]) {
  const hits: Hit[] = [];
  let waiter: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      hits.push({ at: Date.now(), headers: req.headers, body: JSON.parse(text) });
      waiter?.();
      const status = statuses[Math.min(hits.length - 1, statuses.length - 1)];
      if (status !== null) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const until = async (count: number, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    while (hits.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${hits.length} of ${count} webhook hits`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
    return hits;
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits, until };
}

async function open(options: StartOptions): Promise<Sandbox> {
  const sandbox = await startSandbox({ imapPort: null, pop3Port: null, ...options });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

async function metric(sandbox: Sandbox, line: string): Promise<number> {
  const text = await (await fetch(`${sandbox.url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(line + ' '));
  return found ? Number(found.slice(line.length + 1)) : NaN;
}

describe('webhooks', () => {
  it('POSTs the summary of each new message to every --webhook, without the body', async () => {
    const [a, b] = [await receiver(), await receiver()];
    const sandbox = await open({ webhooks: [a.url, b.url] });
    const id = await sendMail(sandbox, { subject: 'hooked', to: 'dev@example.test', text: `start ${'z '.repeat(400)}TAILMARK` });
    for (const r of [a, b]) {
      const [hit] = await r.until(1);
      expect(hit.headers['content-type']).toBe('application/json');
      expect(hit.headers['x-mailsandbox-event']).toBe('message.added');
      expect(hit.body).toMatchObject({ id, subject: 'hooked', folder: 'INBOX', envelope: { mailFrom: 'sender@example.com', rcptTo: ['dev@example.test'] } });
      // The summary, snippet included, as the event stream has it; never the body itself.
      expect(hit.body).not.toHaveProperty('text');
      expect(hit.body).not.toHaveProperty('html');
      expect(JSON.stringify(hit.body)).not.toContain('TAILMARK');
    }
    // A copy is not new mail.
    sandbox.store.copy([id], 'Archive');
    await sendMail(sandbox, { subject: 'second' });
    expect((await a.until(2)).map((h) => h.body.subject)).toEqual(['hooked', 'second']);
    expect(await metric(sandbox, 'mailsandbox_webhook_deliveries_total{outcome="sent"}')).toBe(4);
  });

  it('retries a failing receiver with growing waits, at most 3 times', async () => {
    const flaky = await receiver([500, 503, 200]);
    const dead = await receiver([500]);
    const sandbox = await open({ webhooks: [flaky.url, dead.url] });
    await sendMail(sandbox, { subject: 'retry me' });
    const hits = await flaky.until(3);
    expect(hits[2].at - hits[1].at).toBeGreaterThan(hits[1].at - hits[0].at);
    await dead.until(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dead.hits).toHaveLength(4);
    expect(await metric(sandbox, 'mailsandbox_webhook_deliveries_total{outcome="sent"}')).toBe(1);
    expect(await metric(sandbox, 'mailsandbox_webhook_deliveries_total{outcome="failed"}')).toBe(1);
    expect(await metric(sandbox, 'mailsandbox_webhook_deliveries_total{outcome="retried"}')).toBe(5);
  });

  it('waits --webhook-delay before sending', async () => {
    const r = await receiver();
    const sandbox = await open({ webhooks: [r.url], webhookDelay: 400 });
    const sent = Date.now();
    await sendMail(sandbox, { subject: 'later' });
    const [hit] = await r.until(1);
    expect(hit.at - sent).toBeGreaterThanOrEqual(350);
  });

  it('keeps the queue bounded under a receiver that never answers, counting what overflows; SMTP goes on', async () => {
    const silent = await receiver([null]);
    const sandbox = await open({ webhooks: [silent.url] });
    for (let i = 0; i < 1100; i++) sandbox.store.add(createContent(Buffer.from(`Subject: n${i}\r\n\r\nx\r\n`)), { mailFrom: 'a@x.test', rcptTo: ['b@x.test'] });
    // 4 in flight, 1000 waiting, the rest dropped.
    expect(await metric(sandbox, 'mailsandbox_webhook_queue')).toBe(1000);
    expect(await metric(sandbox, 'mailsandbox_webhook_deliveries_total{outcome="dropped"}')).toBe(96);
    await sendMail(sandbox, { subject: 'still taken' });
    expect(sandbox.store.stats().messages).toBe(1101);
    await silent.until(4);
  });

  it('gives up on a receiver that never answers after the timeout and the retries', async () => {
    const silent = await receiver([null]);
    const store = new MessageStore({ maxMessages: 10, maxBytes: 1e6 });
    const outcomes: string[] = [];
    const webhooks = new Webhooks(store, {
      urls: [silent.url],
      delayMs: 0,
      log: silentLogger,
      userAgent: 'test',
      metrics: { count: (outcome) => void outcomes.push(outcome), measureQueue: () => undefined },
      limits: { timeoutMs: 200, retries: 2, backoffMs: 50, maxQueue: 10, concurrency: 1 },
    });
    cleanups.push(async () => webhooks.close());
    store.add(createContent(Buffer.from('Subject: hang\r\n\r\nx\r\n')), { mailFrom: 'a@x.test', rcptTo: ['b@x.test'] });
    const hits = await silent.until(3);
    expect(hits[1].at - hits[0].at).toBeGreaterThanOrEqual(200);
    await expect.poll(() => outcomes, { timeout: 5000 }).toEqual(['retried', 'retried', 'failed']);
  });
});
