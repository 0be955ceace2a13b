// The HTML body of a message as a document for the UI's sandboxed iframe. The mail is untrusted:
// the CSP sent with it allows no script, no forms, no plugins, and no remote loads unless the user
// asked for remote images; cid: links point at this message's own attachments.
import { parseBody } from '../mail/parse.ts';
import type { StoredMessage } from '../store/index.ts';

export interface HtmlDocument {
  html: string;
  csp: string;
}

export async function htmlDocument(
  message: StoredMessage,
  options: { remote: boolean; origin: string; partKey?: (partId: string) => string },
): Promise<HtmlDocument | null> {
  const body = await parseBody(message.content.raw);
  if (body.html === null) return null;
  const partsUrl = `${options.origin}/api/v1/messages/${message.id}/attachments/`;
  const byCid = new Map(body.attachments.filter((a) => a.contentId).map((a) => [a.contentId!.toLowerCase(), a.partId]));
  const html = body.html.replace(/cid:([^"'\s)>]+)/gi, (whole, cid: string) => {
    const partId = byCid.get(decodeURIComponent(cid).toLowerCase());
    if (!partId) return whole;
    return partsUrl + encodeURIComponent(partId) + (options.partKey ? `?key=${options.partKey(partId)}` : '');
  });
  const remote = options.remote ? ' https: http:' : '';
  const csp = [
    "default-src 'none'",
    `img-src data: ${partsUrl}${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src data:${remote}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    // The same sandbox as the UI's iframe, so the page stays inert when opened on its own (a link
    // that escapes the iframe, or the URL pasted into a tab): no script, no same-origin access.
    'sandbox allow-popups allow-popups-to-escape-sandbox',
  ].join('; ');
  return { html, csp };
}
