// PREVIEW text (RFC 8970) as two servers that agree on it write it. RFC 8970 leaves the length
// (up to 256 characters) and the reduction of a body to one line to the server, so a transcript's
// PREVIEW values are normalized before test/helpers/differential.ts compares them:
// - a literal (`PREVIEW {37}` + the next line: 8-bit text) becomes a quoted string: the server's choice;
// - U+00A0 counts as whitespace, every run of whitespace is one space (Dovecot keeps no-break spaces);
// - the text is cut to its first 160 characters, mailsandbox's snippet length (Dovecot writes 200),
//   and trailing whitespace dropped.
import type { Transcript } from './differential.ts';

const LENGTH = 160;

export function normalizePreviews(transcript: Transcript): Transcript {
  return { steps: transcript.steps.map(({ sent, lines }) => ({ sent, lines: joinPreviews(lines) })) };
}

function joinPreviews(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/PREVIEW "((?:[^"\\]|\\.)*)"/g, (_all, text: string) => `PREVIEW ${quote(text.replace(/\\(.)/g, '$1'))}`);
    const literal = /PREVIEW \{(\d+)\}$/.exec(line);
    if (!literal || i + 1 === lines.length) {
      out.push(line);
      continue;
    }
    const size = Number(literal[1]);
    const next = lines[++i];
    out.push(`${line.slice(0, literal.index)}PREVIEW ${quote(next.slice(0, size))}${next.slice(size)}`);
  }
  return out;
}

/** The text (latin1 as read off the socket, so UTF-8 bytes) normalized and quoted. */
function quote(bytes: string): string {
  const text = Buffer.from(bytes, 'latin1').toString('utf8').replace(/[\s\u00a0]+/g, ' ').trim().slice(0, LENGTH).trimEnd();
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}
