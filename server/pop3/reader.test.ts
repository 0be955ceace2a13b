import { describe, expect, it } from 'vitest';
import { LineReader } from './reader.ts';

describe('LineReader', () => {
  it('splits on CRLF or bare LF across chunks', () => {
    const reader = new LineReader(20, 100);
    expect(reader.push(Buffer.from('USER a\r\nPA'))).toEqual([{ kind: 'line', text: 'USER a' }]);
    expect(reader.push(Buffer.from('SS b'))).toEqual([]);
    expect(reader.push(Buffer.from('\nSTAT\r\n\r\n'))).toEqual([
      { kind: 'line', text: 'PASS b' },
      { kind: 'line', text: 'STAT' },
      { kind: 'line', text: '' },
    ]);
  });

  it('reports an over-long line once it ends, then reads on', () => {
    const reader = new LineReader(10, 100);
    expect(reader.push(Buffer.from('x'.repeat(11)))).toEqual([]);
    expect(reader.push(Buffer.from('x'.repeat(30)))).toEqual([]);
    expect(reader.push(Buffer.from('x\r\nNOOP\r\n'))).toEqual([{ kind: 'too-long' }, { kind: 'line', text: 'NOOP' }]);
    expect(reader.push(Buffer.from(`${'y'.repeat(11)}\r\n`))).toEqual([{ kind: 'too-long' }]);
    expect(reader.push(Buffer.from(`${'y'.repeat(10)}\r\n`))).toEqual([{ kind: 'line', text: 'y'.repeat(10) }]);
  });

  it('gives up on a line past the discard limit and reads nothing more', () => {
    const reader = new LineReader(10, 100);
    expect(reader.push(Buffer.alloc(101, 'z'))).toEqual([{ kind: 'absurd' }]);
    expect(reader.push(Buffer.from('\r\nNOOP\r\n'))).toEqual([]);
  });
});
