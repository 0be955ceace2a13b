import { describe, expect, it } from 'vitest';
import { LiteralLines, summarizeCommand } from './literals.ts';

describe('literal-aware transcript lines', () => {
  it('shows a literal as {N bytes} and goes on with the line after it', () => {
    expect(summarizeCommand(Buffer.from('a1 APPEND INBOX (\\Seen) {12}\r\nhello\r\nworld'))).toBe('a1 APPEND INBOX (\\Seen) {12 bytes}');
    expect(summarizeCommand(Buffer.from('a1 LOGIN {5+}\r\nalice {6}\r\nsecret'))).toBe('a1 LOGIN {5 bytes} {6 bytes}');
  });

  it('skips literal bytes split over pieces without reading them', () => {
    const lines: string[] = [];
    const splitter = new LiteralLines((line) => lines.push(line));
    splitter.push(Buffer.from('* 1 FETCH (UID 7 BODY[] {10}\r\n12345'));
    splitter.push(Buffer.from('\r\n890)\r\n* 2 EXISTS\r\n'));
    splitter.push(Buffer.from('a1 OK done\r\n'));
    expect(lines).toEqual(['* 1 FETCH (UID 7 BODY[] {10 bytes})', '* 2 EXISTS', 'a1 OK done']);
  });

  it('never holds more than a bounded piece of a line without an end', () => {
    const lines: string[] = [];
    const splitter = new LiteralLines((line) => lines.push(line));
    for (let i = 0; i < 100; i++) splitter.push(Buffer.alloc(64 * 1024, 0x61));
    splitter.push(Buffer.from('\r\n'));
    expect(lines[0].length).toBeLessThanOrEqual(16 * 1024);
  });
});
