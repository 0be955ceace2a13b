import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPart, mimeTreeOf, paramValue, type MimePart } from './mime-tree.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const text = (raw: Buffer, start: number, end: number) => raw.toString('latin1', start, end);
const body = (raw: Buffer, part: MimePart | null) => (part ? text(raw, part.bodyStart, part.end) : null);
const header = (raw: Buffer, part: MimePart | null) => (part ? text(raw, part.headerStart, part.bodyStart) : null);

function allParts(part: MimePart, out: MimePart[] = []): MimePart[] {
  out.push(part);
  for (const child of part.children) allParts(child, out);
  if (part.message) allParts(part.message, out);
  return out;
}

describe('mime tree of nested multipart', () => {
  const raw = fixture('nested-multipart.eml');
  const root = mimeTreeOf(raw);
  const part = (...path: number[]) => findPart(root, path);

  it('describes every part', () => {
    expect(root.mediaType).toBe('multipart/mixed');
    expect(root.children.map((c) => c.mediaType)).toEqual(['multipart/alternative', 'message/rfc822', 'application/pdf']);
    expect(part(1)!.children.map((c) => c.mediaType)).toEqual(['text/plain', 'text/html']);
    expect(part(2)!.message!.children.map((c) => c.mediaType)).toEqual(['text/plain', 'image/png']);
    const pdf = part(3)!;
    expect(pdf).toMatchObject({
      type: 'application',
      subtype: 'pdf',
      params: [{ name: 'name', value: 'report.pdf' }],
      id: '<report@example.com>',
      encoding: 'base64',
      md5: 'XUFAKrxLKna5cZ2REBfFkg==',
      language: ['en-GB', 'fr'],
      location: 'https://example.com/report.pdf',
      disposition: { value: 'attachment', params: [{ name: 'filename', value: 'report.pdf' }, { name: 'size', value: '9' }] },
    });
    expect(part(2)!.description).toBe('forwarded mail');
  });

  it('numbers parts as RFC 3501 does, through message/rfc822', () => {
    expect(part()).toBe(root);
    expect(part(1, 2)!.mediaType).toBe('text/html');
    expect(part(2, 1)!.mediaType).toBe('text/plain');
    expect(part(2, 2)!.params).toEqual([{ name: 'name', value: 'bytes.png' }]);
    expect(part(4)).toBeNull();
    expect(part(2, 3)).toBeNull();
    expect(part(1, 1, 1)).toBe(part(1, 1));
    expect(part(1, 1, 1, 1)).toBeNull();
    expect(part(3, 1)).toBe(part(3));
    expect(part(3, 2)).toBeNull();
    expect(part(0)).toBeNull();
  });

  it('finds offsets that slice the raw bytes exactly', () => {
    expect(body(raw, part(1, 1))).toBe(
      'Grilled aubergine, caf=C3=A9 style, with a very long line that is softly br=\r\noken.',
    );
    expect(header(raw, part(1, 1))).toBe('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n');
    expect(body(raw, part(3))).toBe('JVBERi0xLjQK');
    expect(body(raw, part(2, 1))).toBe('The inner text mentions a narwhal.');
    // The embedded message spans exactly the body of its message/rfc822 part.
    const inner = part(2)!.message!;
    expect([inner.headerStart, inner.end]).toEqual([part(2)!.bodyStart, part(2)!.end]);
    expect(header(raw, inner)).toMatch(/^From: Inner Sender <inner@example.org>\r\n[\s\S]*boundary=deep\r\n\r\n$/);
    // The line break before each boundary belongs to the boundary.
    for (const child of root.children) expect(text(raw, child.end, child.end + 9)).toBe('\r\n--outer');
    expect(text(raw, root.bodyStart, root.bodyStart + 21)).toBe('This is the preamble.');
  });

  it('counts body octets and lines', () => {
    for (const p of allParts(root)) {
      expect(p.bodySize).toBe(p.end - p.bodyStart);
      expect(p.lines).toBe(text(raw, p.bodyStart, p.end).split('\n').length - 1);
      expect(p.headerStart).toBeLessThanOrEqual(p.bodyStart);
      expect(p.end).toBeLessThanOrEqual(raw.length);
    }
    expect(part(1, 1)!.lines).toBe(1);
  });

  it('is parsed once per Buffer', () => {
    expect(mimeTreeOf(raw)).toBe(root);
    expect(mimeTreeOf(Buffer.from(raw))).not.toBe(root);
  });
});

describe('mime tree numbering of single-part messages', () => {
  it('gives a plain message one part: its body', () => {
    const raw = fixture('plain.eml');
    const root = mimeTreeOf(raw);
    expect(findPart(root, [1])).toBe(root);
    expect(findPart(root, [2])).toBeNull();
    expect(findPart(root, [1, 1])).toBeNull();
    expect(body(raw, root)).toBe('Just a plain body.\r\n.leading dot line\r\n');
  });

  it('numbers the inside of a top-level message/rfc822 below part 1', () => {
    const raw = fixture('rfc822-plain.eml');
    const root = mimeTreeOf(raw);
    expect(findPart(root, [1])).toBe(root);
    const inner = findPart(root, [1, 1])!;
    expect(inner).toBe(root.message);
    expect(body(raw, inner)).toBe('Original body.\r\n');
    expect(findPart(root, [1, 2])).toBeNull();
  });

  it('defaults to text/plain, and ignores Content-* without MIME-Version or Content-Type', () => {
    const root = mimeTreeOf(fixture('no-content-type.eml'));
    expect(root).toMatchObject({ type: 'text', subtype: 'plain', params: [], encoding: null });
  });

  it('reads the parts of a digest as messages unless they say otherwise', () => {
    const raw = fixture('digest.eml');
    const root = mimeTreeOf(raw);
    expect(root.children.map((c) => c.mediaType)).toEqual(['message/rfc822', 'text/plain']);
    expect(root.children[0].headerStart).toBe(root.children[0].bodyStart - 2);
    expect(header(raw, root.children[0].message)).toBe('From: one@example.com\r\nSubject: first\r\n\r\n');
    expect(body(raw, findPart(root, [1, 1]))).toBe('First digest entry.');
  });
});

describe('mime tree of malformed input', () => {
  it('closes unterminated parts at the enclosing boundary and tolerates bare LF', () => {
    const raw = fixture('malformed-nested.eml');
    const root = mimeTreeOf(raw);
    expect(paramValue(root.params, 'boundary')).toBe('o');
    expect(root.children).toHaveLength(2);
    const alternative = root.children[0];
    expect(alternative.children).toHaveLength(1);
    expect(body(raw, alternative.children[0])).toBe('inner text without close');
    expect(root.children[1].mediaType).toBe('text/plain');
    expect(body(raw, root.children[1])).toBe('part without headers');
    expect(findPart(root, [1, 1])).toBe(alternative.children[0]);
  });

  it('reads a bare-LF message', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b--\n');
    const [child] = mimeTreeOf(raw).children;
    expect(body(raw, child)).toBe('hi');
    expect(header(raw, child)).toBe('Content-Type: text/plain\n\n');
  });

  it('does not take a longer boundary for its own', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--bb\r\nstill one\r\n--b--\r\n');
    expect(mimeTreeOf(raw).children.map((c) => body(raw, c))).toEqual(['one\r\n--bb\r\nstill one']);
  });

  it('handles a message with no body and no blank line', () => {
    const raw = Buffer.from('Subject: only a header');
    const root = mimeTreeOf(raw);
    expect([root.bodyStart, root.end, root.lines]).toEqual([raw.length, raw.length, 0]);
    expect(mimeTreeOf(Buffer.alloc(0)).mediaType).toBe('text/plain');
  });

  it('caps nesting depth and describes what is beyond it as opaque bytes', () => {
    let message = 'leaf';
    for (let i = 0; i < 200; i++) message = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${message}\r\n--b${i}--`;
    const root = mimeTreeOf(Buffer.from(message));
    let depth = 0;
    let part = root;
    while (part.children.length) (part = part.children[0]), depth++;
    expect(depth).toBeLessThan(200);
    expect(part.mediaType).toBe('application/octet-stream');
  });

  it('caps the number of parts; the last one takes the rest', () => {
    const raw = Buffer.from(`Content-Type: multipart/mixed; boundary=b\r\n\r\n${'--b\r\n\r\nx\r\n'.repeat(20_000)}--b--\r\n`);
    const root = mimeTreeOf(raw);
    expect(root.children.length).toBeLessThan(10_000);
    expect(root.children.at(-1)!.end).toBe(raw.length);
  });

  it('joins RFC 2231 parameter continuations', () => {
    const raw = Buffer.from(
      `Content-Type: application/x-thing; name*0="long "; name*1="name.txt"; title*0*=utf-8''%C3%A9t; title*1*=%C3%A9\r\n\r\n`,
    );
    expect(mimeTreeOf(raw).params).toEqual([
      { name: 'name', value: 'long name.txt' },
      { name: 'title*', value: "utf-8''%C3%A9t%C3%A9" },
    ]);
  });

  it('reads a 200 KB line', () => {
    const raw = fixture('huge-line.eml');
    const root = mimeTreeOf(raw);
    expect(root.bodySize).toBeGreaterThan(190_000);
    expect(root.lines).toBe(text(raw, root.bodyStart, root.end).split('\n').length - 1);
  });
});
