import { describe, expect, it } from 'vitest';
import { createContent } from './message.ts';

const chunksOf = (text: string, size: number) => {
  const chunks: Buffer[] = [];
  for (let at = 0; at < text.length; at += size) chunks.push(Buffer.from(text.slice(at, at + size)));
  return chunks;
};

const MAIL = `From: a@example.com\r\nSubject: Chunked\r\n\r\n${'body line\r\n'.repeat(500)}`;

describe('content kept as the chunks it arrived in', () => {
  it('reads as the same bytes, size and headers as one buffer', () => {
    const chunked = createContent(chunksOf(MAIL, 1000));
    const whole = createContent(Buffer.from(MAIL));
    expect(chunked.size).toBe(whole.size);
    expect(chunked.headerBytes.toString()).toBe('From: a@example.com\r\nSubject: Chunked\r\n\r\n');
    expect(chunked.raw.equals(whole.raw)).toBe(true);
    expect(chunked.meta.subject).toBe('Chunked');
    expect(chunked.snippet).toBe(whole.snippet);
  });

  it('gives the header block from the first chunk, without joining the rest', () => {
    const chunks = chunksOf(MAIL, 1000);
    const content = createContent(chunks);
    expect(content.headerBytes.buffer).toBe(chunks[0].buffer);
    // Joined once asked for, and the same buffer after that.
    expect(content.raw).toBe(content.raw);
    expect(content.headerBytes.buffer).toBe(content.raw.buffer);
  });

  it('joins the chunks to find a header block that the first chunk does not end', () => {
    for (const size of [3, 10, 40, 41, 42, 43]) {
      const content = createContent(chunksOf(MAIL, size));
      expect(content.headerBytes.toString(), `chunks of ${size}`).toBe('From: a@example.com\r\nSubject: Chunked\r\n\r\n');
    }
    expect(createContent(chunksOf('Subject: no body', 5)).headerBytes.toString()).toBe('Subject: no body');
  });
});
