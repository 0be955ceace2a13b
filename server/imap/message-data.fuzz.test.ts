// Bounded fuzz of everything that reads message bytes for IMAP: mutated fixtures (fixed seed, so a
// failure replays) must never make the MIME tree, ENVELOPE, BODYSTRUCTURE, FETCH, BINARY or SEARCH throw,
// and every part's offsets must stay inside its parent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mimeTreeOf, type MimePart } from '../mail/mime-tree.ts';
import { bodyText } from '../mail/text.ts';
import { MessageStore } from '../store/store.ts';
import { bodyStructure } from './body-structure.ts';
import { envelopeOf } from './envelope.ts';
import { fetchItems } from './fetch.ts';
import { binaryContent, binarySize, undecodableEncoding } from '../mail/binary.ts';
import { compileSearch } from './search.ts';
import type { FetchAttribute, SearchKey } from './syntax.ts';

const FIXTURES = [
  'nested-multipart.eml', 'rfc822-plain.eml', 'encoded-headers.eml', 'charsets.eml', 'digest.eml',
  'malformed-nested.eml', 'malformed.eml', 'multipart-attachment.eml', 'inline-cid.eml', 'plain.eml',
].map((name) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));

const SNIPPETS = [
  '\r\n', '\n', '\r', '\r\n\r\n', '--outer\r\n', '--outer--', '--inner\r\n', '--deep--', '--cs\r\n', '--mix\r\n', '--d\n',
  'Content-Type: multipart/mixed; boundary=outer\r\n', 'Content-Type: message/rfc822\r\n\r\n',
  'Content-Type: multipart/digest; boundary="d"\r\n\r\n', 'Content-Transfer-Encoding: quoted-printable\r\n',
  'Content-Transfer-Encoding: base64\r\n', 'charset=x-unknown', '=?UTF-8?B?', '?=', '=\r\n', '=F', '"', '(', ')', ';', ':',
  '<', '>', ',', '@', '\\', '\xff\xfe', '\0', ' ', '\t',
].map((s) => Buffer.from(s, 'latin1'));

/** mulberry32 */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(input: Buffer, random: () => number): Buffer {
  let raw = input;
  const at = () => Math.floor(random() * (raw.length + 1));
  for (let n = 1 + Math.floor(random() * 5); n > 0; n--) {
    const i = at();
    const j = Math.min(raw.length, i + Math.floor(random() * 200));
    switch (Math.floor(random() * 5)) {
      case 0:
        raw = Buffer.concat([raw.subarray(0, i), Buffer.from([Math.floor(random() * 256)]), raw.subarray(i + 1)]);
        break;
      case 1:
        raw = Buffer.concat([raw.subarray(0, i), SNIPPETS[Math.floor(random() * SNIPPETS.length)], raw.subarray(i)]);
        break;
      case 2:
        raw = Buffer.concat([raw.subarray(0, i), raw.subarray(j)]);
        break;
      case 3:
        raw = Buffer.concat([raw.subarray(0, j), raw.subarray(i, j), raw.subarray(j)]);
        break;
      default:
        raw = raw.subarray(0, i);
    }
  }
  return raw;
}

function checkOffsets(part: MimePart, start: number, end: number): void {
  expect(part.headerStart).toBeGreaterThanOrEqual(start);
  expect(part.headerStart).toBeLessThanOrEqual(part.bodyStart);
  expect(part.bodyStart).toBeLessThanOrEqual(part.end);
  expect(part.end).toBeLessThanOrEqual(end);
  for (const child of part.children) checkOffsets(child, part.bodyStart, part.end);
  if (part.message) checkOffsets(part.message, part.bodyStart, part.end);
}

const section = (part: number[], text: 'HEADER' | 'HEADER.FIELDS' | 'TEXT' | 'MIME' | null, fields: string[] = []): FetchAttribute => ({
  kind: 'BODY[]',
  section: { part, text, fields },
  peek: true,
  partial: null,
});
const ATTRIBUTES: FetchAttribute[] = [
  { kind: 'FLAGS' }, { kind: 'ENVELOPE' }, { kind: 'BODYSTRUCTURE' }, { kind: 'BODY' }, { kind: 'RFC822.HEADER' },
  section([], 'HEADER.FIELDS', ['SUBJECT', 'FROM']), section([1], null), section([1, 2], 'MIME'), section([2], 'HEADER'),
  section([2], 'TEXT'), section([2, 1], null), { kind: 'BODY[]', section: { part: [], text: null, fields: [] }, peek: false, partial: { offset: 5, length: 20 } },
];
const BINARY_PATHS = [[], [1], [2], [2, 1], [3]];
const KEYS: SearchKey[] = [
  { kind: 'body', value: 'narwhal' },
  { kind: 'text', value: 'café' },
  { kind: 'header', field: 'FROM', value: 'example' },
  { kind: 'date', which: 'sent', op: 'since', date: new Date(Date.UTC(2026, 0, 1)) },
];

describe('message data under mutated input', () => {
  it('never throws and keeps offsets nested (3000 mutations, seed 4)', () => {
    const random = seeded(4);
    const store = new MessageStore({ maxMessages: 50, maxBytes: 50_000_000 });
    for (let i = 0; i < 3000; i++) {
      const raw = mutate(FIXTURES[i % FIXTURES.length], random);
      const tree = mimeTreeOf(raw);
      checkOffsets(tree, 0, raw.length);
      bodyStructure(raw, true);
      envelopeOf(raw);
      const message = store.add(raw, { mailFrom: '', rcptTo: ['x@example.com'] });
      expect(fetchItems(message, ATTRIBUTES)).toHaveLength(2 * ATTRIBUTES.length);
      for (const key of KEYS) compileSearch(key)(message, { seq: 1, maxSeq: 1, maxUid: message.id, isRecent: () => true, saved: new Set() });
      expect(typeof bodyText(message.content.raw)).toBe('string');
      for (const path of BINARY_PATHS) {
        const content = binaryContent(raw, path);
        // What the UNKNOWN-CTE check finds is what decoding runs into; when it finds nothing, decoding gives bytes of BINARY.SIZE's length.
        expect(content.kind === 'unknown-encoding' ? content.encoding : null).toBe(undecodableEncoding(raw, path));
        expect(binarySize(raw, path)).toEqual(content.kind === 'bytes' ? content.bytes.length : content);
      }
    }
  });
});
