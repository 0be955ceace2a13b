// POST /api/v1/send, the native twin of Mailpit's send: a validated draft (schemas.ts) checked for
// what a schema cannot say, then turned into the composer's Draft.
import type { z } from '@hono/zod-openapi';
import type { Draft } from '../mail/compose.ts';
import { HttpError } from './errors.ts';
import type { SendRequest } from './schemas.ts';
import { PROTECTED_HEADERS, isEmailAddress } from './send-rules.ts';

type Mailbox = z.infer<typeof SendRequest>['from'];

function mailboxes(list: Mailbox[], field: string) {
  return list.map((entry) => {
    const { address, name = '' } = typeof entry === 'string' ? { address: entry } : entry;
    if (!isEmailAddress(address)) throw new HttpError(400, 'bad-body', `${field}: ${address} is not an email address`);
    return { address: address.trim(), name };
  });
}

export function toDraft(body: z.infer<typeof SendRequest>): Draft {
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
