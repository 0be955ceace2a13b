// Mailpit API v1 response shapes as its published swagger.json defines them, strict: a missing,
// extra or misspelt field fails the parse.
import { z } from 'zod';

export const Address = z.object({ Name: z.string(), Address: z.string() }).strict();

export const Summary = z
  .object({
    ID: z.string(),
    MessageID: z.string(),
    Read: z.boolean(),
    From: Address.nullable(),
    To: z.array(Address),
    Cc: z.array(Address),
    Bcc: z.array(Address),
    ReplyTo: z.array(Address),
    Subject: z.string(),
    Created: z.iso.datetime(),
    Username: z.string(),
    Tags: z.array(z.string()),
    Size: z.number().int(),
    Attachments: z.number().int(),
    Snippet: z.string(),
  })
  .strict();

export const List = z
  .object({
    total: z.number().int(),
    unread: z.number().int(),
    count: z.number().int(),
    messages_count: z.number().int(),
    messages_unread: z.number().int(),
    start: z.number().int(),
    tags: z.array(z.string()),
    messages: z.array(Summary),
  })
  .strict();

const Attachment = z
  .object({ PartID: z.string(), FileName: z.string(), ContentType: z.string(), ContentID: z.string(), Size: z.number().int() })
  .strict();

export const Message = z
  .object({
    ID: z.string(),
    MessageID: z.string(),
    From: Address.nullable(),
    To: z.array(Address),
    Cc: z.array(Address),
    Bcc: z.array(Address),
    ReplyTo: z.array(Address),
    ReturnPath: z.string(),
    Subject: z.string(),
    ListUnsubscribe: z.object({ Header: z.string(), Links: z.array(z.string()), Errors: z.string(), HeaderPost: z.string() }).strict(),
    Date: z.iso.datetime(),
    Tags: z.array(z.string()),
    Username: z.string(),
    Text: z.string(),
    HTML: z.string(),
    Size: z.number().int(),
    Inline: z.array(Attachment),
    Attachments: z.array(Attachment),
  })
  .strict();

export const Headers = z.record(z.string(), z.array(z.string()));

export const Info = z.object({
  Version: z.string(),
  LatestVersion: z.string(),
  Database: z.string(),
  DatabaseSize: z.number().int(),
  Messages: z.number().int(),
  Unread: z.number().int(),
  Tags: z.record(z.string(), z.number().int()),
  RuntimeStats: z
    .object({
      Uptime: z.number().int(),
      Memory: z.number().int(),
      MessagesDeleted: z.number().int(),
      SMTPAccepted: z.number().int(),
      SMTPAcceptedSize: z.number().int(),
      SMTPRejected: z.number().int(),
      SMTPIgnored: z.number().int(),
    })
    .strict(),
}).strict();

export const WebUi = z.object({
  Label: z.string(),
  MessageRelay: z.object({
    Enabled: z.boolean(),
    SMTPServer: z.string(),
    ReturnPath: z.string(),
    AllowedRecipients: z.string(),
    BlockedRecipients: z.string(),
    OverrideFrom: z.string(),
    PreserveMessageIDs: z.boolean(),
  }),
  SpamAssassin: z.boolean(),
  ChaosEnabled: z.boolean(),
  DuplicatesIgnored: z.boolean(),
  HideDeleteAllButton: z.boolean(),
}).strict();

export const SendResponse = z.object({ ID: z.string() }).strict();

export const Tags = z.array(z.string());
