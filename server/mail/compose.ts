// Builds a real MIME message from a draft with nodemailer's MailComposer: what the HTTP send
// endpoints store, byte for byte as an SMTP client would have sent it.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address } from './address-list.ts';

export interface DraftAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
  /** With a Content-ID the part is inline (for `cid:` links in the HTML). */
  contentId?: string;
}

export interface Draft {
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: Address[];
  subject: string;
  text?: string;
  html?: string;
  headers: Record<string, string>;
  attachments: DraftAttachment[];
}

const asMailbox = (a: Address) => ({ name: a.name, address: a.address });

export function composeMail(draft: Draft): Promise<Buffer> {
  const composer = new MailComposer({
    from: asMailbox(draft.from),
    to: draft.to.map(asMailbox),
    cc: draft.cc.map(asMailbox),
    // Bcc stays out of the headers, as over SMTP; it reaches the store as envelope recipients.
    replyTo: draft.replyTo.map(asMailbox),
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    headers: draft.headers,
    attachments: draft.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      cid: a.contentId,
      contentDisposition: a.contentId ? 'inline' : 'attachment',
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

/** The SMTP envelope the draft would have been sent with. */
export function draftEnvelope(draft: Draft): { mailFrom: string; rcptTo: string[] } {
  return { mailFrom: draft.from.address, rcptTo: [...draft.to, ...draft.cc, ...draft.bcc].map((a) => a.address) };
}
