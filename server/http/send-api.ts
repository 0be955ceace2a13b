// POST /api/v1/send: the native twin of Mailpit's send. A JSON draft becomes real MIME, stored as
// if it came over SMTP; the answer is the stored message (201).
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Draft } from '../mail/compose.ts';
import type { MessageStore } from '../store/index.ts';
import { deliverDraft } from './deliver.ts';
import { HttpError } from './errors.ts';
import { toDetail } from './present.ts';
import { PROTECTED_HEADERS, isEmailAddress } from './send-rules.ts';

const Mailbox = z.union([z.string(), z.object({ address: z.string(), name: z.string().optional() }).strict()]);

export const SendRequest = z
  .object({
    from: Mailbox,
    to: z.array(Mailbox).default([]),
    cc: z.array(Mailbox).default([]),
    bcc: z.array(Mailbox).default([]),
    replyTo: z.array(Mailbox).default([]),
    subject: z.string().default(''),
    text: z.string().optional(),
    html: z.string().optional(),
    tags: z.array(z.string()).default([]),
    headers: z.record(z.string(), z.string()).default({}),
    attachments: z
      .array(
        z
          .object({
            filename: z.string(),
            /** Base64. */
            content: z.base64(),
            contentType: z.string().optional(),
            contentId: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

function mailboxes(list: Array<z.infer<typeof Mailbox>>, field: string) {
  return list.map((entry) => {
    const { address, name = '' } = typeof entry === 'string' ? { address: entry } : entry;
    if (!isEmailAddress(address)) throw new HttpError(400, 'bad-body', `${field}: ${address} is not an email address`);
    return { address: address.trim(), name };
  });
}

function toDraft(body: z.infer<typeof SendRequest>): Draft {
  const protectedName = Object.keys(body.headers).find((name) => PROTECTED_HEADERS.has(name.toLowerCase()));
  if (protectedName) throw new HttpError(400, 'bad-body', `headers: ${protectedName} is set from its own field`);
  const to = mailboxes(body.to, 'to');
  const cc = mailboxes(body.cc, 'cc');
  const bcc = mailboxes(body.bcc, 'bcc');
  if (!to.length && !cc.length && !bcc.length) throw new HttpError(400, 'bad-body', 'to, cc or bcc: at least one recipient');
  return {
    from: mailboxes([body.from], 'from')[0],
    to,
    cc,
    bcc,
    replyTo: mailboxes(body.replyTo, 'replyTo'),
    subject: body.subject,
    text: body.text,
    html: body.html,
    headers: body.headers,
    attachments: body.attachments.map((a) => ({ ...a, content: Buffer.from(a.content, 'base64') })),
  };
}

export function sendRoutes(api: Hono, store: MessageStore, config: Config): void {
  api.post('/send', async (c) => {
    const raw = await c.req.json().catch(() => undefined);
    const parsed = SendRequest.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, 'bad-body', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const message = await deliverDraft(store, config, toDraft(parsed.data), parsed.data.tags);
    return c.json(await toDetail(message), 201);
  });
}
