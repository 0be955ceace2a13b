// Store messages -> the JSON shapes of server/types.ts. Bodies are parsed here, on first use.
import { parseBody } from '../mail/parse.ts';
import { FLAGGED, SEEN, tagsOf, type StoredMessage } from '../store/index.ts';
import { SUMMARY_ADDRESSES, type MessageDetail, type MessageSummary } from '../types.ts';

/** A summary travels in every list page and every live event: long recipient lists are cut, and counted. */
export function toSummary(message: StoredMessage): MessageSummary {
  const { meta, snippet } = message.content;
  const { mailFrom, rcptTo } = message.envelope;
  return {
    id: message.id,
    folder: message.folder,
    uid: message.uid,
    from: meta.from,
    to: meta.to.slice(0, SUMMARY_ADDRESSES),
    cc: meta.cc.slice(0, SUMMARY_ADDRESSES),
    recipientCounts: { to: meta.to.length, cc: meta.cc.length, rcptTo: rcptTo.length },
    subject: meta.subject,
    snippet,
    date: (meta.date ?? message.receivedAt).toISOString(),
    receivedAt: message.receivedAt.toISOString(),
    size: message.size,
    hasAttachments: meta.hasAttachments,
    seen: message.flags.has(SEEN),
    flagged: message.flags.has(FLAGGED),
    flags: [...message.flags],
    tags: tagsOf(message),
    envelope: { mailFrom, rcptTo: rcptTo.slice(0, SUMMARY_ADDRESSES) },
  };
}

export async function toDetail(message: StoredMessage): Promise<MessageDetail> {
  const body = await parseBody(message.content.raw);
  const { meta } = message.content;
  return {
    ...toSummary(message),
    to: meta.to,
    cc: meta.cc,
    envelope: message.envelope,
    messageId: meta.messageId,
    replyTo: meta.replyTo,
    bcc: meta.bcc,
    headers: meta.headers,
    text: body.text,
    html: body.html,
    attachments: body.attachments,
    hasAttachments: body.attachments.some((a) => !a.inline) || meta.hasAttachments,
    parseErrors: body.parseErrors,
  };
}
