import { describe, expect, it } from 'vitest';
import { CommandReader, type ReaderEvent } from './reader.ts';

const reader = (maxLiteral = 100, maxLine = 200) => new CommandReader({ maxLine, maxLiteral: () => maxLiteral });

function drain(r: CommandReader): Array<ReaderEvent | { kind: 'command'; text: string }> {
  const events = [];
  for (let e = r.next(); e; e = r.next()) events.push(e.kind === 'command' ? { kind: 'command' as const, text: e.data.toString() } : e);
  return events;
}

describe('CommandReader', () => {
  it('splits pipelined lines, across chunk boundaries too', () => {
    const r = reader();
    r.push(Buffer.from('a NOOP\r\nb CAPA'));
    expect(drain(r)).toEqual([{ kind: 'command', text: 'a NOOP' }]);
    r.push(Buffer.from('BILITY\r\n'));
    expect(drain(r)).toEqual([{ kind: 'command', text: 'b CAPABILITY' }]);
  });

  it('asks for a synchronizing literal and joins it into the command', () => {
    const r = reader();
    r.push(Buffer.from('a LOGIN {3}\r\n'));
    expect(drain(r)).toEqual([{ kind: 'continue', sofar: [Buffer.from('a LOGIN {3}\r\n')] }]);
    r.push(Buffer.from('b'));
    r.push(Buffer.from('ob pw\r\n'));
    expect(drain(r)).toEqual([{ kind: 'command', text: 'a LOGIN {3}\r\nbob pw' }]);
  });

  it('takes LITERAL+ without asking, even when the literal holds CRLF', () => {
    const r = reader();
    r.push(Buffer.from('a APPEND INBOX {6+}\r\nx\r\ny\r\n\r\nb NOOP\r\n'));
    expect(drain(r)).toEqual([
      { kind: 'command', text: 'a APPEND INBOX {6+}\r\nx\r\ny\r\n' },
      { kind: 'command', text: 'b NOOP' },
    ]);
  });

  it('refuses a too-big synchronizing literal before it is sent and goes on', () => {
    const r = reader(10);
    r.push(Buffer.from('a APPEND INBOX {11}\r\nb NOOP\r\n'));
    const events = drain(r);
    expect(events[0]).toMatchObject({ kind: 'too-big', what: 'literal' });
    expect((events[0] as { start: Buffer }).start.toString()).toMatch(/^a APPEND/);
    expect(events[1]).toEqual({ kind: 'command', text: 'b NOOP' });
  });

  it('reports a too-big LITERAL+ literal at once, then skips it and the rest of its command', () => {
    const r = reader(4);
    r.push(Buffer.from('a APPEND INBOX {8+}\r\n12345'));
    expect(drain(r)).toEqual([{ kind: 'too-big', what: 'literal', start: Buffer.from('a APPEND INBOX {8+}\r\n'), limit: 4, synchronizing: false }]);
    r.push(Buffer.from('678 tail {3+}\r\nxyz\r\nb NOOP\r\n'));
    expect(drain(r)).toEqual([{ kind: 'command', text: 'b NOOP' }]);
  });

  it('names the bound a synchronizing literal broke', () => {
    const r = reader(10);
    r.push(Buffer.from('a LOGIN {11}\r\n'));
    expect(drain(r)).toEqual([{ kind: 'too-big', what: 'literal', start: Buffer.from('a LOGIN {11}\r\n'), limit: 10, synchronizing: true }]);
  });

  it('bounds a whole command, however its literals are split', () => {
    const r = reader(100, 50);
    let events: ReturnType<typeof drain> = [];
    for (let i = 0; i < 10 && !events.length; i++) {
      r.push(Buffer.from(`${i ? '' : 'a LOGIN '}{90+}\r\n${'x'.repeat(90)} `));
      events = drain(r);
    }
    r.push(Buffer.from('end\r\nb NOOP\r\n'));
    events.push(...drain(r));
    expect(events[0]).toMatchObject({ kind: 'too-big', what: 'literal' });
    expect(events.at(-1)).toEqual({ kind: 'command', text: 'b NOOP' });
  });

  it('drops an over-long line, with or without its end yet, and goes on', () => {
    const r = reader(100, 20);
    r.push(Buffer.from('a ' + 'x'.repeat(30)));
    expect(drain(r)).toEqual([]);
    r.push(Buffer.from('y'.repeat(30) + '\r\nb NOOP\r\n'));
    const events = drain(r);
    expect(events[0]).toMatchObject({ kind: 'too-big', what: 'line' });
    expect((events[0] as { start: Buffer }).start.toString()).toMatch(/^a x/);
    expect(events[1]).toEqual({ kind: 'command', text: 'b NOOP' });
  });

  it('accepts bare LF line ends and forgets buffered input on reset', () => {
    const r = reader();
    r.push(Buffer.from('a NOOP\nb NOOP\r\n'));
    r.reset();
    expect(drain(r)).toEqual([]);
    r.push(Buffer.from('c NOOP\n'));
    expect(drain(r)).toEqual([{ kind: 'command', text: 'c NOOP' }]);
  });
});
