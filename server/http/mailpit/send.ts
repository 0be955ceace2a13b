// POST /api/v1/send in Mailpit's shape: a JSON draft built into real MIME and stored as if it came
// over SMTP. Errors are 400 with {"Error": "..."}, as Mailpit answers them.
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Draft } from '../../mail/compose.ts';
import type { MessageStore } from '../../store/index.ts';
import { deliverDraft } from '../deliver.ts';
import { isEmailAddress, PROTECTED_HEADERS } from '../send-rules.ts';

const Mailbox = z.object({ Email: z.string(), Name: z.string().optional().default('') });
const SendRequest = z.object({
  From: Mailbox,
  To: z.array(Mailbox).nullish(),
  Cc: z.array(Mailbox).nullish(),
  // Mailpit's Bcc is a list of addresses; a {Email, Name} entry is taken too.
  Bcc: z.array(z.union([z.string(), Mailbox])).nullish(),
  ReplyTo: z.array(Mailbox).nullish(),
  Subject: z.string().optional().default(''),
  Text: z.string().optional(),
  HTML: z.string().optional(),
  Tags: z.array(z.string()).nullish(),
  Headers: z.record(z.string(), z.string()).nullish(),
  Attachments: z
    .array(z.object({ Content: z.string(), Filename: z.string(), ContentType: z.string().optional(), ContentID: z.string().optional() }))
    .nullish(),
});
type SendRequest = z.infer<typeof SendRequest>;

class SendError extends Error {}

function mailboxes(list: Array<z.infer<typeof Mailbox> | string> | null | undefined, label: string) {
  return (list ?? []).map((entry) => {
    const { Email, Name } = typeof entry === 'string' ? { Email: entry, Name: '' } : entry;
    if (!isEmailAddress(Email)) throw new SendError(`invalid ${label} address: ${Email}`);
    return { address: Email.trim(), name: Name };
  });
}

function toDraft(body: SendRequest): Draft {
  const [from] = mailboxes([body.From], 'From');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(body.Headers ?? {})) {
    if (PROTECTED_HEADERS.has(name.toLowerCase()) || (body.Tags?.length && name.toLowerCase() === 'x-tags')) {
      throw new SendError(`cannot overwrite header: "${name}"`);
    }
    headers[name] = value;
  }
  if (body.Tags?.length) headers['X-Tags'] = body.Tags.join(', ');
  return {
    from,
    to: mailboxes(body.To, 'To'),
    cc: mailboxes(body.Cc, 'Cc'),
    bcc: mailboxes(body.Bcc, 'Bcc'),
    replyTo: mailboxes(body.ReplyTo, 'Reply-To'),
    subject: body.Subject,
    text: body.Text,
    html: body.HTML,
    headers,
    attachments: (body.Attachments ?? []).map((a) => ({
      filename: a.Filename,
      content: Buffer.from(a.Content, 'base64'),
      contentType: a.ContentType || undefined,
      contentId: a.ContentID || undefined,
    })),
  };
}

export function sendRoute(app: Hono, store: MessageStore, config: Config): void {
  app.post('/api/v1/send', async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ Error: 'invalid JSON body' }, 400);
    }
    const parsed = SendRequest.safeParse(raw);
    if (!parsed.success) return c.json({ Error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
    try {
      const message = await deliverDraft(store, config, toDraft(parsed.data));
      return c.json({ ID: String(message.id) });
    } catch (err) {
      if (err instanceof SendError) return c.json({ Error: err.message }, 400);
      throw err;
    }
  });
}
