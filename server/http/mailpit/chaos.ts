// Mailpit's chaos dialect, GET/PUT /api/v1/chaos {Sender, Recipient, Authentication: {ErrorCode,
// Probability}}, as fault rules: a trigger with Probability P% is `from|rcpt|auth=*:reject=CODE,
// rate=P/100` marked with Mailpit's text, so GET reads them back and a PUT replaces only them.
// Native rules set beside them are left alone.
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Faults } from '../../faults/index.ts';
import { notFound } from './errors.ts';
import { readJson } from './request.ts';

const TRIGGERS = { Sender: 'from', Recipient: 'rcpt', Authentication: 'auth' } as const;
type TriggerName = keyof typeof TRIGGERS;
const MARK = 'text=Chaos triggered (mailpit chaos)';
const CHAOS_RULE = /^(from|rcpt|auth)=\*:reject=(\d{3}),rate=([\d.]+),text=Chaos triggered \(mailpit chaos\)$/;
const DEFAULT_CODE = 451;

const Trigger = z.object({ ErrorCode: z.number().int().min(400).max(599).default(DEFAULT_CODE), Probability: z.number().min(0).max(100).default(0) });
const ChaosRequest = z.object({ Sender: Trigger.optional(), Recipient: Trigger.optional(), Authentication: Trigger.optional() });
type Triggers = Record<TriggerName, { ErrorCode: number; Probability: number }>;

function triggersOf(faults: Faults): Triggers {
  const triggers: Triggers = {
    Sender: { ErrorCode: DEFAULT_CODE, Probability: 0 },
    Recipient: { ErrorCode: DEFAULT_CODE, Probability: 0 },
    Authentication: { ErrorCode: DEFAULT_CODE, Probability: 0 },
  };
  for (const { rule } of faults.snapshot().rules) {
    const match = CHAOS_RULE.exec(rule);
    if (!match) continue;
    const name = (Object.keys(TRIGGERS) as TriggerName[]).find((n) => TRIGGERS[n] === match[1])!;
    triggers[name] = { ErrorCode: Number(match[2]), Probability: Math.round(Number(match[3]) * 10_000) / 100 };
  }
  return triggers;
}

export function chaosRoutes(app: Hono, faults: Faults | undefined): void {
  const live = (): Faults => {
    if (!faults) throw notFound('Chaos is not enabled');
    return faults;
  };
  app.get('/api/v1/chaos', (c) => c.json(triggersOf(live())));
  app.put('/api/v1/chaos', async (c) => {
    const f = live();
    const body = await readJson(c, ChaosRequest);
    // As Mailpit: a trigger left out is reset to 0%.
    f.remove((rule) => CHAOS_RULE.test(rule));
    const rules = (Object.keys(TRIGGERS) as TriggerName[]).flatMap((name) => {
      const trigger = body[name];
      if (!trigger || trigger.Probability <= 0) return [];
      return [`${TRIGGERS[name]}=*:reject=${trigger.ErrorCode},rate=${trigger.Probability / 100},${MARK}`];
    });
    f.add(rules);
    return c.json(triggersOf(f));
  });
}
