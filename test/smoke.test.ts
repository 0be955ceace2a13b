import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

describe('smoke', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('stores a mail sent over SMTP and lists it over HTTP', async () => {
    const id = await sendMail(sandbox, { subject: 'hello', text: 'body' });
    const { body } = await api<{ total: number; messages: Array<{ id: number; subject: string }> }>(sandbox, '/api/v1/messages');
    expect(body.total).toBe(1);
    expect(body.messages[0]).toMatchObject({ id, subject: 'hello' });
  });
});
