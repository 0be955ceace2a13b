// SMTP fault rules as nodemailer meets them, and the runtime API that arranges them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import type { FaultsSnapshot } from '../server/types.ts';
import { api, smtpTransport, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function open(options: StartOptions = {}): Promise<Sandbox> {
  sandbox = await startSandbox({ imapPort: null, pop3Port: null, ...options });
  return sandbox;
}

async function send(sandbox: Sandbox, to: string | string[], extra: Record<string, unknown> = {}) {
  const transport = smtpTransport(sandbox);
  try {
    return await transport.sendMail({ from: 'app@example.com', to, subject: 'fault test', text: 'hello', ...extra });
  } finally {
    transport.close();
  }
}

const put = (sandbox: Sandbox, rules: string[], method = 'PUT') =>
  api<FaultsSnapshot & { error?: { message: string } }>(sandbox, '/api/v1/faults', {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });

describe('SMTP faults with nodemailer', () => {
  it('rejects one recipient with 550 and accepts the others of the same message', async () => {
    const sandbox = await open({ faults: ['rcpt=bounce@*:reject=550'] });
    const info = await send(sandbox, ['ok@example.com', 'bounce@example.com', 'also@example.com']);
    expect(info.accepted).toEqual(['ok@example.com', 'also@example.com']);
    expect(info.rejected).toEqual(['bounce@example.com']);
    expect(String(info.rejectedErrors?.[0])).toMatch(/550/);
    const [message] = sandbox.store.list().messages;
    expect(message.envelope.rcptTo).toEqual(['ok@example.com', 'also@example.com']);
  });

  it('refuses the whole message when its only recipient is rejected, with the rule text', async () => {
    const sandbox = await open({ faults: ['rcpt=bounce@*:reject=552,text=Mailbox full, try later'] });
    await expect(send(sandbox, 'bounce@example.com')).rejects.toMatchObject({ responseCode: 552, response: expect.stringContaining('Mailbox full, try later') });
    expect(sandbox.store.stats().messages).toBe(0);
  });

  it('delays RCPT by about the asked time, then carries on', async () => {
    const sandbox = await open({ faults: ['rcpt=slow@*:delay=600'] });
    const started = Date.now();
    const info = await send(sandbox, 'slow@example.com');
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(info.accepted).toEqual(['slow@example.com']);
    expect(sandbox.store.stats().messages).toBe(1);
  });

  it('drops the connection at RCPT: the client gets an error, nothing is stored', async () => {
    const sandbox = await open({ faults: ['rcpt=drop@*:drop'] });
    await expect(send(sandbox, 'drop@example.com')).rejects.toThrow();
    expect(sandbox.store.stats().messages).toBe(0);
    const ended = await vi.waitFor(() => {
      const [session] = sandbox.sessions.list({ protocol: 'smtp', limit: 1, offset: 0 }).sessions;
      if (!session?.ended) throw new Error('the session has not ended yet');
      return session.ended;
    });
    expect(ended).toBe('fault');
    const [session] = sandbox.sessions.list({ protocol: 'smtp', limit: 1, offset: 0 }).sessions;
    expect(sandbox.sessions.get(session.id)!.detail().actions.map((action) => action.text)).toContain('fault rule rcpt=drop@*:drop fired on rcpt=drop@example.com');
  });

  it('drops the connection in DATA before the reply (a header rule), nothing stored', async () => {
    const sandbox = await open({ faults: ['header:X-Chaos=cut:drop'] });
    await expect(send(sandbox, 'a@example.com', { headers: { 'X-Chaos': 'cut' } })).rejects.toThrow();
    expect(sandbox.store.stats().messages).toBe(0);
    await send(sandbox, 'a@example.com', { headers: { 'X-Chaos': 'keep' } });
    expect(sandbox.store.stats().messages).toBe(1);
  });

  it('discards: 250 to the client, nothing stored; a discarded recipient gets no copy', async () => {
    const sandbox = await open({ faults: ['from=spam@*:discard', 'rcpt=void@*:discard'] });
    const info = await send(sandbox, 'a@example.com', { from: 'spam@example.com' });
    expect(info.response).toMatch(/^250 /);
    expect(sandbox.store.stats().messages).toBe(0);
    await send(sandbox, ['void@example.com', 'kept@example.com']);
    expect(sandbox.store.list().messages.map((m) => m.envelope.rcptTo)).toEqual([['kept@example.com']]);
    await send(sandbox, 'void@example.com');
    expect(sandbox.store.stats().messages).toBe(1);
  });

  it('refuses by size at the end of DATA', async () => {
    const sandbox = await open({ faults: ['size>10k:reject=552'] });
    await expect(send(sandbox, 'a@example.com', { text: 'x'.repeat(20_000) })).rejects.toMatchObject({ responseCode: 552 });
    await send(sandbox, 'a@example.com');
    expect(sandbox.store.stats().messages).toBe(1);
  });

  it('replays a seeded rate: the same outcome vector after each PUT', async () => {
    const sandbox = await open();
    const run = async () => {
      expect((await put(sandbox, ['rcpt=*@flaky.test:reject=451,rate=0.5,seed=42'])).status).toBe(200);
      const outcomes: boolean[] = [];
      for (let i = 0; i < 12; i++) outcomes.push(await send(sandbox, `u${i}@flaky.test`).then(() => true, () => false));
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });
});

describe('/api/v1/faults', () => {
  it('lists rules with counters and the firing log; POST adds, DELETE clears', async () => {
    const sandbox = await open();
    expect((await put(sandbox, ['rcpt=bounce@*:reject=550,times=1'])).body.rules).toEqual([
      { rule: 'rcpt=bounce@*:reject=550,times=1', protocol: 'smtp', matched: 0, fired: 0, remaining: 1, seed: null },
    ]);
    await expect(send(sandbox, 'bounce@example.com')).rejects.toMatchObject({ responseCode: 550 });
    await send(sandbox, 'bounce@example.com'); // retired after one firing
    const added = await put(sandbox, ['imap:command=APPEND:no=OVERQUOTA'], 'POST');
    expect(added.body.rules.map((r) => [r.rule, r.fired, r.remaining])).toEqual([
      ['rcpt=bounce@*:reject=550,times=1', 1, 0],
      ['imap:command=APPEND:no=OVERQUOTA', 0, null],
    ]);
    const { body } = await api<FaultsSnapshot>(sandbox, '/api/v1/faults');
    expect(body.log).toHaveLength(1);
    expect(body.log[0]).toMatchObject({ protocol: 'smtp', rule: 'rcpt=bounce@*:reject=550,times=1', matched: 'rcpt=bounce@example.com', action: 'reject' });
    expect(body.log[0].session).toMatch(/^smtp:/);
    expect((await api(sandbox, '/api/v1/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await api<FaultsSnapshot>(sandbox, '/api/v1/faults')).body).toEqual({ rules: [], log: [] });
  });

  it('answers a bad rule with 400 and the same line the CLI gives, and keeps the old rules', async () => {
    const sandbox = await open({ faults: ['rcpt=a@*:drop'] });
    const response = await put(sandbox, ['rcpt=b@*:drop', 'rcpt=x:reject=250']);
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toBe('fault rule "rcpt=x:reject=250": reject=250: expected an SMTP code 400-599 such as 550 or 451');
    expect(sandbox.faults.snapshot().rules.map((r) => r.rule)).toEqual(['rcpt=a@*:drop']);
  });

  it('start() refuses a bad rule; sandbox.faults arranges rules from the test itself', async () => {
    await expect(startSandbox({ faults: ['rcpt=x:boom'] })).rejects.toThrow('fault rule "rcpt=x:boom": unknown action "boom"');
    const sandbox = await open();
    sandbox.faults.set(['rcpt=bounce@*:reject=550']);
    await expect(send(sandbox, 'bounce@example.com')).rejects.toMatchObject({ responseCode: 550 });
    sandbox.faults.clear();
    await send(sandbox, 'bounce@example.com');
    expect(sandbox.store.stats().messages).toBe(1);
  });
});
