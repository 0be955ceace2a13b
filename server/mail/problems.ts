// Structural faults a mail can have and still be stored: reported with the message so a developer
// sees why a client renders it oddly. mailparser itself forgives these silently.
import { decodeHeaderBytes } from './headers.ts';
import { findHeaderEnd } from './mime-tree.ts';

const BOUNDARY = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/gi;

export function mimeProblems(raw: Buffer): string[] {
  const problems: string[] = [];
  const bodyOffset = findHeaderEnd(raw, 0, raw.length);
  const head = decodeHeaderBytes(raw.subarray(0, bodyOffset));
  if (bodyOffset === raw.length && !/\r?\n\r?\n/.test(head)) problems.push('no blank line ends the header block');
  const firstLine = head.split(/\r?\n/, 1)[0];
  if (firstLine && !/^[!-9;-~]+:/.test(firstLine)) problems.push(`the first line is not a header: ${firstLine.slice(0, 60)}`);
  const text = raw.toString('latin1');
  for (const match of text.matchAll(BOUNDARY)) {
    const boundary = match[1] ?? match[2];
    if (!text.includes(`--${boundary}--`)) problems.push(`multipart boundary "${boundary}" is never closed`);
  }
  return [...new Set(problems)];
}
