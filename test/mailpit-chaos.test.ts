// Mailpit's chaos dialect through mailpit-api (a real Mailpit client), mapped onto fault rules.
import { MailpitClient } from 'mailpit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { smtpTransport, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox;
let mailpit: MailpitClient;
beforeAll(async () => {
  sandbox = await startSandbox({ imapPort: null, pop3Port: null, faults: ['rcpt=native@*:reject=552'] });
  mailpit = new MailpitClient(`${sandbox.url}/mailpit`);
});
afterAll(() => sandbox.close());

const send = async (to: string) => {
  const transport = smtpTransport(sandbox);
  try {
    return await transport.sendMail({ from: 'app@example.com', to, subject: 'chaos', text: 'x' });
  } finally {
    transport.close();
  }
};

describe('Mailpit chaos', () => {
  it('sets triggers as fault rules, reads them back, and resets the ones left out', async () => {
    expect((await mailpit.getConfiguration()).ChaosEnabled).toBe(true);
    expect(await mailpit.getChaosTriggers()).toEqual({
      Sender: { ErrorCode: 451, Probability: 0 },
      Recipient: { ErrorCode: 451, Probability: 0 },
      Authentication: { ErrorCode: 451, Probability: 0 },
    });
    const set = await mailpit.setChaosTriggers({ Recipient: { ErrorCode: 550, Probability: 100 }, Sender: { ErrorCode: 421, Probability: 5 } });
    expect(set.Recipient).toEqual({ ErrorCode: 550, Probability: 100 });
    expect(set.Sender).toEqual({ ErrorCode: 421, Probability: 5 });
    expect(sandbox.faults.snapshot().rules.map((r) => r.rule)).toContain('from=*:reject=421,rate=0.05,text=Chaos triggered (mailpit chaos)');
    // The 5% Sender trigger would fail the send below one time in twenty: a PUT without it resets it.
    expect((await mailpit.setChaosTriggers({ Recipient: { ErrorCode: 550, Probability: 100 } })).Sender.Probability).toBe(0);
    await expect(send('anyone@example.com')).rejects.toMatchObject({ responseCode: 550 });
    const rules = sandbox.faults.snapshot().rules.map((r) => r.rule);
    expect(rules).toEqual(['rcpt=native@*:reject=552', 'rcpt=*:reject=550,rate=1,text=Chaos triggered (mailpit chaos)']);

    const reset = await mailpit.setChaosTriggers({ Sender: { ErrorCode: 451, Probability: 0 } });
    expect(reset.Recipient.Probability).toBe(0);
    await send('anyone@example.com');
    // The native rule was never touched.
    expect(sandbox.faults.snapshot().rules.map((r) => r.rule)).toEqual(['rcpt=native@*:reject=552']);
  });

  it('refuses a code outside 400-599 with 400', async () => {
    const response = await fetch(`${sandbox.url}/mailpit/api/v1/chaos`, { method: 'PUT', body: JSON.stringify({ Sender: { ErrorCode: 250, Probability: 10 } }) });
    expect(response.status).toBe(400);
  });
});
