import { describe, expect, it } from 'vitest';
import { appendDotStuffed, transferSize } from './transfer.ts';

const wire = (raw: string) => {
  const out: Buffer[] = [];
  appendDotStuffed(Buffer.from(raw), out);
  return Buffer.concat(out).toString();
};

describe('POP3 transfer form', () => {
  it('stuffs every line that starts with a dot, the first one included', () => {
    expect(wire('.a\r\nb\r\n.\r\n..c\r\n')).toBe('..a\r\nb\r\n..\r\n...c\r\n.\r\n');
    expect(wire('a\n.b\r\n')).toBe('a\n..b\r\n.\r\n');
  });

  it('ends the last line with CRLF before the terminator, and counts what it adds', () => {
    expect(wire('a\r\nb')).toBe('a\r\nb\r\n.\r\n');
    expect(transferSize(Buffer.from('a\r\nb'))).toBe(6);
    expect(wire('a\nb\n')).toBe('a\nb\r\n.\r\n');
    expect(transferSize(Buffer.from('a\nb\n'))).toBe(5);
    expect(wire('')).toBe('.\r\n');
    expect(transferSize(Buffer.alloc(0))).toBe(0);
  });

  it('sends the same bytes whether it slices or copies', () => {
    const many = Array.from({ length: 40 }, (_, i) => `.line ${i}\r\n`).join('');
    expect(wire(many)).toBe(many.replaceAll('.line', '..line') + '.\r\n');
    const few = 'x\r\n.y\r\n';
    expect(wire(few)).toBe('x\r\n..y\r\n.\r\n');
  });
});
