// The native API's shapes as zod schemas: they validate requests, describe responses, and generate
// /api/v1/openapi.json, so the document cannot drift from the code. Response schemas mirror
// server/types.ts; the checks at the bottom fail the type check if the two disagree.
import { z } from '@hono/zod-openapi';
import type * as T from '../types.ts';

export const Address = z.object({ name: z.string(), address: z.string() }).openapi('Address');
export const Envelope = z.object({ mailFrom: z.string(), rcptTo: z.array(z.string()) }).openapi('SmtpEnvelope');

export const MessageSummary = z
  .object({
    id: z.number().int().openapi({ description: 'The REST id, also the POP3 UIDL' }),
    folder: z.string(),
    uid: z.number().int().openapi({ description: 'The IMAP UID in that folder (UIDs count per folder)' }),
    from: Address.nullable(),
    to: z.array(Address).openapi({ description: 'The first 20 in a summary; all of them in a detail' }),
    cc: z.array(Address),
    recipientCounts: z.object({ to: z.number().int(), cc: z.number().int(), rcptTo: z.number().int() }).openapi({ description: 'How many addresses there are in all' }),
    subject: z.string(),
    snippet: z.string(),
    date: z.string().openapi({ format: 'date-time' }),
    receivedAt: z.string().openapi({ format: 'date-time' }),
    size: z.number().int(),
    hasAttachments: z.boolean(),
    seen: z.boolean(),
    flagged: z.boolean(),
    flags: z.array(z.string()),
    tags: z.array(z.string()),
    envelope: Envelope,
  })
  .openapi('MessageSummary');

export const AttachmentInfo = z
  .object({
    partId: z.string(),
    filename: z.string().nullable(),
    contentType: z.string(),
    size: z.number().int(),
    contentId: z.string().nullable(),
    inline: z.boolean(),
  })
  .openapi('AttachmentInfo');

export const MessageDetail = MessageSummary.extend({
  messageId: z.string().nullable(),
  replyTo: z.array(Address),
  bcc: z.array(Address),
  headers: z.array(z.tuple([z.string(), z.string()])),
  text: z.string().nullable(),
  html: z.string().nullable(),
  attachments: z.array(AttachmentInfo),
  parseErrors: z.array(z.string()),
}).openapi('MessageDetail');

export const MessageList = z
  .object({
    total: z.number().int(),
    unread: z.number().int(),
    newestId: z.number().int().openapi({ description: 'The newest message id given out when the list was taken: the list counts the mail of every message.added event up to it, and none after' }),
    messages: z.array(MessageSummary),
  })
  .openapi('MessageList');

const Counts = { total: z.number().int(), unread: z.number().int() };
export const MailboxInfo = z.object({ address: z.string(), ...Counts }).openapi('MailboxInfo');
export const FolderInfo = z.object({ name: z.string(), specialUse: z.string().nullable(), ...Counts }).openapi('FolderInfo');
export const TagInfo = z.object({ name: z.string(), ...Counts }).openapi('TagInfo');

const Listener = z.object({ host: z.string(), port: z.number().int() }).nullable();
export const HealthInfo = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    messages: z.number().int(),
    bytes: z.number().int(),
    maxMessages: z.number().int(),
    maxBytes: z.number().int(),
    smtp: Listener,
    imap: Listener,
    pop3: Listener,
    loginRule: z.string(),
    authRequired: z.boolean(),
    relay: z.string().nullable(),
    sessionLog: z.enum(['off', 'actions', 'full']),
  })
  .openapi('HealthInfo');

export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi('ApiError');

// --- requests ---

/** A whole number in a query string; empty means not given. */
export const whole = (max: number) =>
  z
    .string()
    .regex(/^\d*$/, { error: `must be a whole number from 0 to ${max}` })
    .refine((v) => Number(v) <= max, { error: `must be a whole number from 0 to ${max}` })
    .optional()
    .openapi({ type: 'integer', minimum: 0, maximum: max });
const flag = z.enum(['true', 'false', '1', '0', '']).optional();

export const ListQuery = z.object({
  folder: z.string().optional().openapi({ description: 'Only this folder' }),
  mailbox: z.string().optional().openapi({ description: 'Only mail this recipient address owns' }),
  q: z.string().optional().openapi({ description: 'A search in the search language (README: Search)' }),
  unread: flag,
  limit: whole(1000).openapi({ description: 'Page size, default 50' }),
  offset: whole(Number.MAX_SAFE_INTEGER),
});

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '1' }) });
export const PartParam = IdParam.extend({ partId: z.string().openapi({ param: { name: 'partId', in: 'path' }, example: '2' }) });
export const DownloadQuery = z.object({
  download: flag,
  key: z.string().optional().openapi({ description: 'Under --ui-auth: the key an HTML document gave this inline part' }),
});
export const HtmlQuery = z.object({ remote: flag });

export const MessagePatch = z
  .object({
    seen: z.boolean({ error: 'seen must be true or false' }).optional(),
    flagged: z.boolean({ error: 'flagged must be true or false' }).optional(),
    folder: z.string({ error: 'folder must be a folder name' }).min(1, { error: 'folder must be a folder name' }).optional(),
    tags: z.array(z.string().max(200), { error: 'tags must be a list of names' }).max(100).optional(),
  })
  .strict()
  .openapi('MessagePatch');

export const WaitQuery = z.object({
  to: z.string().optional(),
  from: z.string().optional(),
  subject: z.string().optional(),
  after: whole(Number.MAX_SAFE_INTEGER).openapi({ description: 'Only messages stored after this id' }),
  timeout: whole(10 * 60_000).openapi({ description: 'Milliseconds, default 30000' }),
});

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
            content: z.base64().openapi({ description: 'The file, base64-encoded' }),
            contentType: z.string().optional(),
            contentId: z.string().optional().openapi({ description: 'Makes the part inline, for cid: links' }),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .openapi('SendRequest');

export const ReleaseRequest = z.object({ to: z.array(z.string().min(1)).min(1).optional() }).strict().openapi('ReleaseRequest');
export const ReleaseResult = z.object({ accepted: z.array(z.string()), rejected: z.array(z.string()), response: z.string() }).openapi('ReleaseResult');

export const FaultRules = z.object({ rules: z.array(z.string()) }).strict().openapi('FaultRules');
export const FaultsState = z
  .object({
    rules: z.array(
      z.object({
        rule: z.string(),
        protocol: z.enum(['smtp', 'imap', 'pop3']),
        matched: z.number().int(),
        fired: z.number().int(),
        remaining: z.number().int().nullable(),
        seed: z.number().int().nullable(),
      }),
    ),
    log: z.array(
      z.object({
        time: z.string().openapi({ format: 'date-time' }),
        protocol: z.enum(['smtp', 'imap', 'pop3']),
        session: z.string(),
        rule: z.string(),
        matched: z.string(),
        action: z.enum(['reject', 'delay', 'drop', 'discard', 'no', 'bad', 'bye', 'err']),
      }),
    ),
  })
  .openapi('FaultsState');

// The schemas and server/types.ts must describe the same JSON.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <_ extends true>() => undefined;
agree<Same<z.infer<typeof MessageSummary>, T.MessageSummary>>();
agree<Same<z.infer<typeof MessageDetail>, T.MessageDetail>>();
agree<Same<z.infer<typeof MessageList>, T.MessageList>>();
agree<Same<z.infer<typeof FolderInfo>, T.FolderInfo>>();
agree<Same<z.infer<typeof MailboxInfo>, T.MailboxInfo>>();
agree<Same<z.infer<typeof TagInfo>, T.TagInfo>>();
agree<Same<z.infer<typeof HealthInfo>, T.HealthInfo>>();
agree<Same<z.infer<typeof ApiError>, T.ApiError>>();
agree<Same<z.infer<typeof FaultsState>, T.FaultsSnapshot>>();
