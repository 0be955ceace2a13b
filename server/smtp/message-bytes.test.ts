import { describe, expect, it } from 'vitest';
import { messageBytes } from './message-bytes.ts';

/** A chunk with a buffer of its own, as a socket read gives it. */
const own = (text: string) => Buffer.from(new TextEncoder().encode(text).buffer);

describe('the bytes of one DATA', () => {
  it('keeps chunks with memory of their own as they are, uncopied', () => {
    const chunks = [own('Subject: a\r\n\r\n'), own('x'.repeat(70_000)), own('end\r\n')];
    expect(messageBytes(chunks, 70_019)).toBe(chunks);
    expect(messageBytes([chunks[1]], 70_000)).toBe(chunks[1]);
  });

  it('counts a buffer that several chunks slice once', () => {
    const read = own('y'.repeat(40_000));
    const chunks = [read.subarray(0, 39_996), read.subarray(39_996)];
    expect(messageBytes(chunks, 40_000)).toBe(chunks);
  });

  it('copies a message that would hold a larger buffer than itself', () => {
    const pipelined = own(`${'z'.repeat(2_000)}\r\n.\r\nMAIL FROM:<a@b.example>\r\n${'q'.repeat(10_000)}`);
    const chunk = pipelined.subarray(0, 2_000);
    const kept = messageBytes([chunk], 2_000);
    expect(Buffer.isBuffer(kept) && kept.buffer).not.toBe(pipelined.buffer);
    expect(kept).toEqual(chunk);
    const many = messageBytes([own('a'.repeat(1_000)), chunk], 3_000);
    expect(Buffer.isBuffer(many) && many.toString()).toBe('a'.repeat(1_000) + 'z'.repeat(2_000));
  });
});
