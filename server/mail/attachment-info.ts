// What a message's attachment list says of each attachment (parse.ts builds it from the parsed body).
export interface AttachmentInfo {
  /** MIME part path as IMAP numbers it ("2", "1.2"); stable for the message. */
  partId: string;
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
}
