// Store messages -> the JSON shapes of server/types.ts. Bodies are parsed here, on first use.
import { parseBody, snippetOf } from '../mail/parse.ts';
import { FLAGGED, SEEN, tagsOf, type StoredMessage } from '../store/index.ts';
import type { MessageDetail, MessageSummary } from '../types.ts';

export function toSummary(message: StoredMessage): MessageSummary {
  const { meta, snippet } = message.content;
  return {
    id: message.id,
    folder: message.folder,
    from: meta.from,
    to: meta.to,
    cc: meta.cc,
    subject: meta.subject,
    snippet: snippet ?? '',
    date: (meta.date ?? message.receivedAt).toISOString(),
    receivedAt: message.receivedAt.toISOString(),
    size: message.size,
    hasAttachments: meta.hasAttachments,
    seen: message.flags.has(SEEN),
    flagged: message.flags.has(FLAGGED),
    flags: [...message.flags],
    tags: tagsOf(message),
    envelope: message.envelope,
  };
}

/** Makes sure each message's snippet is known (parsing its body once if needed). */
export async function fillSnippets(messages: StoredMessage[]): Promise<void> {
  await Promise.all(
    messages
      .filter((m) => m.content.snippet === null)
      .map(async (m) => {
        m.content.snippet = snippetOf(await parseBody(m.content.raw));
      }),
  );
}

export async function toDetail(message: StoredMessage): Promise<MessageDetail> {
  const body = await parseBody(message.content.raw);
  message.content.snippet ??= snippetOf(body);
  const { meta } = message.content;
  return {
    ...toSummary(message),
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
