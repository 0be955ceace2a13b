// Decoded text of a message body for searching (REST q, IMAP SEARCH BODY/TEXT). Cheap and approximate:
// it decodes the whole body as one text part; a MIME-aware version walks the parts.
import type { MailContent } from '../store/message.ts';

export function bodyText(content: MailContent): string {
  return content.raw.toString('utf8', content.meta.bodyOffset);
}
