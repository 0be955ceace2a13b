// IMAP commands' effects in words for the session record: "fetched #12 (BODY.PEEK[])",
// "set \Seen on #12", "moved #12 to Archive as #31".
import type { FlagMode } from '../store/store.ts';
import { idList } from '../sessions/index.ts';
import type { FetchAttribute, Section } from './syntax.ts';

const CONTENT = new Set(['RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'PREVIEW']);

function sectionText({ part, text, fields }: Section): string {
  const parts = part.join('.');
  const name = text ? (parts ? `${parts}.${text}` : text) : parts;
  return fields.length ? `${name} (${fields.join(' ')})` : name;
}

/** The content a FETCH asks for ("BODY.PEEK[]", "RFC822"), or null when it reads only flags and metadata. */
export function fetchedContent(attributes: readonly FetchAttribute[]): string | null {
  const named: string[] = [];
  for (const a of attributes) {
    if (a.kind === 'BODY[]') named.push(`${a.peek ? 'BODY.PEEK' : 'BODY'}[${sectionText(a.section)}]`);
    else if (a.kind === 'BINARY[]') named.push(`${a.peek ? 'BINARY.PEEK' : 'BINARY'}[${a.part.join('.')}]`);
    else if (CONTENT.has(a.kind)) named.push(a.kind);
  }
  return named.length ? named.join(' ') : null;
}

export function flagChange(mode: FlagMode, flags: readonly string[], ids: readonly number[]): string {
  const list = flags.join(' ');
  if (mode === 'add') return `set ${list} on ${idList(ids)}`;
  if (mode === 'remove') return `cleared ${list} on ${idList(ids)}`;
  return `replaced the flags of ${idList(ids)} with (${list})`;
}

/** "moved #12 to Archive as #31", for COPY and MOVE's [source, copy] pairs. */
export function transfer(verb: 'moved' | 'copied', pairs: ReadonlyArray<readonly [number, number]>, folder: string): string {
  return `${verb} ${idList(pairs.map(([source]) => source))} to ${folder} as ${idList(pairs.map(([, made]) => made))}`;
}
