// Release to a real SMTP server: a second mailsandbox, started here as the relay target.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function pair(options: StartOptions = {}, targetOptions: StartOptions = {}) {
  const target = await startSandbox({ imapPort: null, pop3Port: null, smtpAuth: 'required', users: [{ user: 'relay', password: 's3cret' }], ...targetOptions });
  opened.push(target);
  const relay = `smtp://relay:s3cret@${target.smtp!.host}:${target.smtp!.port}`;
  const sandbox = await startSandbox({ imapPort: null, pop3Port: null, relay, ...options });
  opened.push(sandbox);
  return { sandbox, target };
}

const release = (sandbox: Sandbox, id: number, body?: unknown, prefix = '/api/v1/messages') =>
  api<{ accepted?: string[]; rejected?: string[]; response?: string; error?: { code: string; message: string } }>(sandbox, `${prefix}/${id}/release`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

async function rawOf(sandbox: Sandbox, id: number): Promise<Buffer> {
  return Buffer.from(await (await fetch(`${sandbox.url}/api/v1/messages/${id}/raw`)).arrayBuffer());
}

describe('release', () => {
  it('sends the raw message unchanged to its envelope recipients, authenticating with the URL', async () => {
    const { sandbox, target } = await pair();
    const id = await sendMail(sandbox, { to: ['a@example.test', 'b@example.test'], bcc: 'hidden@example.test', subject: 'to release' });
    const { status, body } = await release(sandbox, id);
    expect(status).toBe(200);
    expect(body.accepted).toEqual(['a@example.test', 'b@example.test', 'hidden@example.test']);
    const arrived = await target.waitForMessage({ subject: 'to release' }, { timeout: 5000 });
    expect(arrived.envelope).toEqual({ mailFrom: 'sender@example.com', rcptTo: ['a@example.test', 'b@example.test', 'hidden@example.test'] });
    expect(arrived.content.raw.equals(await rawOf(sandbox, id))).toBe(true);
  });

  it('sends to the recipients asked for, inside --relay-allow; outside it is 403 and nothing is sent', async () => {
    const { sandbox, target } = await pair({ relayAllow: ['*@allowed.test', 'qa@example.test'] });
    const id = await sendMail(sandbox, { subject: 'allowlist' });
    expect((await release(sandbox, id, { to: ['dev@allowed.test', 'QA@example.test'] })).body.accepted).toEqual(['dev@allowed.test', 'QA@example.test']);
    const refused = await release(sandbox, id, { to: ['dev@allowed.test', 'boss@elsewhere.test'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: 'not-allowed', message: 'not in --relay-allow: boss@elsewhere.test' });
    expect(target.store.stats().messages).toBe(1);
  });

  it("passes the relay's SMTP refusal back as 502 with its reply", async () => {
    const { sandbox } = await pair({}, { faults: ['rcpt=*@blocked.test:reject=550,text=No such user here'] });
    const id = await sendMail(sandbox, { subject: 'refused' });
    const { status, body } = await release(sandbox, id, { to: ['x@blocked.test'] });
    expect(status).toBe(502);
    expect(body.error?.code).toBe('relay-refused');
    expect(body.error?.message).toMatch(/^550 No such user here/);
  });

  it('is 409 without --relay, and 404 for an unknown message', async () => {
    const sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    opened.push(sandbox);
    const id = await sendMail(sandbox, {});
    expect((await release(sandbox, id)).body.error?.code).toBe('no-relay');
    expect((await release(sandbox, id)).status).toBe(409);
    expect((await release(sandbox, 999)).status).toBe(404);
  });

  it("answers Mailpit's /mailpit/api/v1/message/{ID}/release {To} with ok", async () => {
    const { sandbox, target } = await pair({ relayAllow: ['*@example.test'] });
    const id = await sendMail(sandbox, { subject: 'mailpit release' });
    const response = await fetch(`${sandbox.url}/mailpit/api/v1/message/${id}/release`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ To: ['someone@example.test'] }),
    });
    expect([response.status, await response.text()]).toEqual([200, 'ok']);
    expect((await target.waitForMessage({ subject: 'mailpit release' }, { timeout: 5000 })).envelope.rcptTo).toEqual(['someone@example.test']);
    const refused = await fetch(`${sandbox.url}/mailpit/api/v1/message/${id}/release`, { method: 'POST', body: JSON.stringify({ To: ['x@other.test'] }) });
    expect([refused.status, await refused.text()]).toEqual([403, 'not in --relay-allow: x@other.test']);
  });
});
