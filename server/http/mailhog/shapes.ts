// MailHog's JSON shapes (MailHog-Server api/v1.go and api/v2.go, over mailhog/data's Message).

export interface MailhogPath {
  Relays: string[] | null;
  Mailbox: string;
  Domain: string;
  Params: string;
}

export interface MailhogContent {
  Headers: Record<string, string[]>;
  Body: string;
  Size: number;
  MIME: MailhogMime | null;
}

export interface MailhogMime {
  Parts: MailhogContent[];
}

export interface MailhogMessage {
  ID: string;
  From: MailhogPath | null;
  To: MailhogPath[];
  Content: MailhogContent;
  Created: string;
  MIME: MailhogMime | null;
  Raw: { From: string; To: string[]; Data: string; Helo: string };
}

export interface MailhogList {
  total: number;
  count: number;
  start: number;
  items: MailhogMessage[];
}
