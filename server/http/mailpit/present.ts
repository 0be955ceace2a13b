// Store messages -> Mailpit's JSON shapes.
import { parseBody } from '../../mail/parse.ts';
import { headerField } from '../../mail/mime-tree.ts';
import { partCounts } from '../../mail/part-counts.ts';
import { SEEN, hiddenRecipients, tagsOf, type MessageStore, type StoredMessage } from '../../store/index.ts';
import type { Address, AttachmentInfo } from '../../types.ts';
import { tagInfos } from '../tags-api.ts';
import type { MailpitAddress, MailpitAttachment, MailpitListUnsubscribe, MailpitMessage, MailpitSummary } from './shapes.ts';

export const address = (a: Address): MailpitAddress => ({ Name: a.name, Address: a.address });
const addresses = (list: Address[]): MailpitAddress[] => list.map(address);

/** Mailpit keeps the Message-ID without its angle brackets. */
function messageIdOf(message: StoredMessage): string {
  return (message.content.meta.messageId ?? '').trim().replace(/^<|>$/g, '');
}

export function toMailpitSummary(message: StoredMessage): MailpitSummary {
  const { meta, snippet } = message.content;
  return {
    ID: String(message.id),
    MessageID: messageIdOf(message),
    Read: message.flags.has(SEEN),
    From: meta.from ? address(meta.from) : null,
    To: addresses(meta.to),
    Cc: addresses(meta.cc),
    Bcc: addresses(hiddenRecipients(message)),
    ReplyTo: addresses(meta.replyTo),
    Subject: meta.subject,
    Created: message.receivedAt.toISOString(),
    Username: '',
    Tags: tagsOf(message),
    Size: message.size,
    Attachments: partCounts(message.content.raw).attachments,
    Snippet: snippet,
  };
}

function attachment(info: AttachmentInfo): MailpitAttachment {
  return {
    PartID: info.partId,
    FileName: info.filename ?? '',
    ContentType: info.contentType,
    ContentID: (info.contentId ?? '').replace(/^<|>$/g, ''),
    Size: info.size,
  };
}

/** List-Unsubscribe as Mailpit summarises it: the header, its links (one mailto:, one http(s)). */
function listUnsubscribe(message: StoredMessage): MailpitListUnsubscribe {
  const headers = message.content.meta.headers;
  const header = headerField(headers, 'list-unsubscribe') ?? '';
  const links = [...header.matchAll(/<([^>]+)>/g)].map((m) => m[1].trim());
  const mailto = links.find((l) => /^mailto:/i.test(l));
  const web = links.find((l) => /^https?:\/\//i.test(l));
  const chosen = [mailto, web].filter((l): l is string => l !== undefined);
  const errors = header && chosen.length === 0 ? 'No valid unsubscribe links found' : '';
  return { Header: header, Links: chosen, Errors: errors, HeaderPost: headerField(headers, 'list-unsubscribe-post') ?? '' };
}

export async function toMailpitMessage(message: StoredMessage): Promise<MailpitMessage> {
  const body = await parseBody(message.content.raw);
  const { meta } = message.content;
  const returnPath = (headerField(meta.headers, 'return-path') ?? message.envelope.mailFrom).trim().replace(/^<|>$/g, '');
  return {
    ID: String(message.id),
    MessageID: messageIdOf(message),
    From: meta.from ? address(meta.from) : null,
    To: addresses(meta.to),
    Cc: addresses(meta.cc),
    Bcc: addresses(hiddenRecipients(message)),
    ReplyTo: addresses(meta.replyTo),
    ReturnPath: returnPath,
    Subject: meta.subject,
    ListUnsubscribe: listUnsubscribe(message),
    Date: (meta.date ?? message.receivedAt).toISOString(),
    Tags: tagsOf(message),
    Username: '',
    Text: body.text ?? '',
    HTML: body.html ?? '',
    Size: message.size,
    Inline: body.attachments.filter((a) => a.inline).map(attachment),
    Attachments: body.attachments.filter((a) => !a.inline).map(attachment),
  };
}

/**
 * Header names as Go's net/textproto writes them (Message-Id, Mime-Version), the way Mailpit
 * returns them, so a suite that reads headers['Message-Id'] keeps working. Keys sorted.
 */
export function canonicalHeaderName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

export function toMailpitHeaders(message: StoredMessage): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const [name, value] of message.content.meta.headers) {
    const key = canonicalHeaderName(name);
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }
  return Object.fromEntries([...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every tag in the store, sorted case-insensitively. */
export function allTags(store: MessageStore): string[] {
  return tagInfos(store).map((tag) => tag.name);
}

/** How many messages carry each tag. */
export function tagCounts(store: MessageStore): Record<string, number> {
  return Object.fromEntries(tagInfos(store).map((tag) => [tag.name, tag.total]));
}
