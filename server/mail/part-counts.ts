// How many attachments and inline parts a message has, from its MIME tree (no body decoding):
// what list views and has:attachment / has:inline need without parsing every message.
import { mimeTreeOf, paramValue, type MimePart } from './mime-tree.ts';

export interface PartCounts {
  attachments: number;
  inline: number;
}

const counts = new WeakMap<Buffer, PartCounts>();

function filenameOf(part: MimePart): string | null {
  return (part.disposition && paramValue(part.disposition.params, 'filename')) || paramValue(part.params, 'name');
}

function classify(part: MimePart, isRoot: boolean, out: PartCounts): void {
  if (part.children.length) {
    for (const child of part.children) classify(child, false, out);
    return;
  }
  const disposition = part.disposition?.value.toLowerCase() ?? null;
  const filename = filenameOf(part);
  const isBodyText = (part.mediaType === 'text/plain' || part.mediaType === 'text/html') && !filename;
  if (disposition === 'attachment') out.attachments++;
  else if (isRoot || isBodyText) return;
  else if (disposition === 'inline' || part.id) out.inline++;
  else if (filename || part.message) out.attachments++;
}

export function partCounts(raw: Buffer): PartCounts {
  let known = counts.get(raw);
  if (!known) {
    known = { attachments: 0, inline: 0 };
    classify(mimeTreeOf(raw), true, known);
    counts.set(raw, known);
  }
  return known;
}
