// The only import of mailparser. Bodies are parsed on first use, never at ingest, and only the text
// parts are cached (in a small LRU): attachment bytes stay inside the raw message, decoded on demand.
// mailparser (about 30 MB with its HTML and charset tables) is loaded on the first body parsed, not at start-up.
import type { Attachment, ParsedMail } from 'mailparser';
import type { AttachmentInfo } from './attachment-info.ts';
import { mimeProblems } from './problems.ts';

export interface ParsedBody {
  text: string | null;
  html: string | null;
  attachments: AttachmentInfo[];
  parseErrors: string[];
}

export interface AttachmentContent {
  info: AttachmentInfo;
  content: Buffer;
}

const CACHE_ENTRIES = 200;

const cache = new Map<Buffer, Promise<ParsedBody>>();

const PARSE_OPTIONS = { keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true, maxHtmlLengthToParse: 2_000_000 } as const;

let mailparser: Promise<typeof import('mailparser')> | null = null;

async function simpleParse(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser } = await (mailparser ??= import('mailparser'));
  return simpleParser(raw, PARSE_OPTIONS);
}

function describe(attachment: Attachment, index: number): AttachmentInfo {
  return {
    partId: attachment.partId ?? String(index + 1),
    filename: attachment.filename ?? null,
    contentType: attachment.contentType,
    size: attachment.size,
    contentId: attachment.cid ?? null,
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
  };
}

async function parseUncached(raw: Buffer): Promise<ParsedBody> {
  const parseErrors = mimeProblems(raw);
  try {
    const parsed = await simpleParse(raw);
    return {
      text: parsed.text ?? null,
      html: typeof parsed.html === 'string' ? parsed.html : null,
      attachments: parsed.attachments.map(describe),
      parseErrors,
    };
  } catch (err) {
    parseErrors.push(`MIME parse failed: ${(err as Error).message}`);
    return { text: raw.toString('utf8'), html: null, attachments: [], parseErrors };
  }
}

/** Parses the body of a raw message once; repeated calls for the same bytes share one result. */
export function parseBody(raw: Buffer): Promise<ParsedBody> {
  let entry = cache.get(raw);
  if (entry) {
    cache.delete(raw);
  } else {
    entry = parseUncached(raw);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as Buffer);
  }
  cache.set(raw, entry);
  return entry;
}

export async function readAttachment(raw: Buffer, partId: string): Promise<AttachmentContent | null> {
  const parsed = await simpleParse(raw);
  const index = parsed.attachments.findIndex((a, i) => (a.partId ?? String(i + 1)) === partId);
  if (index === -1) return null;
  const attachment = parsed.attachments[index];
  return { info: describe(attachment, index), content: attachment.content };
}
