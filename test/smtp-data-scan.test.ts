// The DATA scanner of server/smtp/data-scan.ts against smtp-server's own, on the same input split
// the same way: every message's bytes, its size, and every command after it must be the same.
// The input is made of the lines that matter (lone dots, escapes, bare CR or LF, ends of data in
// and out of place, commands smuggled behind them) and cut at random, down to single bytes.
import { describe, expect, it } from 'vitest';
import { SMTPStream } from 'smtp-server/lib/smtp-stream.js';
import { feedDataStream, type DataStreamInternals } from '../server/smtp/data-scan.ts';
import { mulberry32 } from '../server/faults/prng.ts';

interface Outcome {
  commands: string[];
  messages: string[];
  sizes: number[];
}

/**
 * The parser's continue(), with its continuation taken before it runs: the library's clears it
 * after, so a second message that ends inside that call (sent before its 354, which no client may
 * do) would stall both scanners alike and prove nothing.
 */
function resume(stream: SMTPStream): void {
  const internals = stream as unknown as { _continueCallback: (() => void) | boolean };
  const next = internals._continueCallback;
  if (typeof next !== 'function') return stream.continue();
  internals._continueCallback = false;
  next();
}

function drive(parts: Buffer[], fast: boolean): Promise<Outcome> {
  const stream = new SMTPStream();
  if (fast) (stream as unknown as DataStreamInternals)._feedDataStream = feedDataStream;
  const outcome: Outcome = { commands: [], messages: [], sizes: [] };
  stream.oncommand = (command: Buffer, callback: () => void) => {
    const line = command.toString('binary');
    outcome.commands.push(line);
    if (line.toUpperCase() !== 'DATA') return callback?.();
    const data = stream.startDataMode(0);
    const chunks: Buffer[] = [];
    data.on('data', (chunk: Buffer) => chunks.push(chunk));
    data.on('end', () => {
      outcome.messages.push(Buffer.concat(chunks).toString('binary'));
      outcome.sizes.push(data.byteLength);
      setImmediate(() => resume(stream));
    });
    callback?.();
  };
  return new Promise((resolve) => {
    stream.on('finish', () => setImmediate(() => resolve(outcome)));
    const next = (i: number) => {
      if (i === parts.length) return stream.end();
      stream.write(parts[i], () => next(i + 1));
    };
    next(0);
  });
}

const PIECES = ['.', '..', '...', '.\r\n', '..\r\n', '\r\n', '\n', '\r', '\r\n.\r\n', '\n.\r\n', '\r\n.\n', '\r\n..\r\n', 'text', 'x'.repeat(70), 'MAIL FROM:<a@b>\r\n', 'DATA\r\n', 'RCPT TO:<c@d>\r\n'];

function session(random: () => number): Buffer {
  let text = '';
  const messages = 1 + Math.floor(random() * 3);
  for (let m = 0; m < messages; m++) {
    text += 'MAIL FROM:<a@example.test>\r\nDATA\r\n';
    const pieces = Math.floor(random() * 30);
    for (let p = 0; p < pieces; p++) text += PIECES[Math.floor(random() * PIECES.length)];
    text += '\r\n.\r\n';
  }
  return Buffer.from(`${text}QUIT\r\n`, 'binary');
}

function split(input: Buffer, random: () => number): Buffer[] {
  const parts: Buffer[] = [];
  const small = random() < 0.5;
  for (let at = 0; at < input.length; ) {
    const size = 1 + Math.floor(random() * (small ? 6 : 400));
    parts.push(input.subarray(at, at + size));
    at += size;
  }
  return parts;
}

describe('DATA scanning with Buffer.indexOf', () => {
  it('gives what smtp-server gives, on 2000 random sessions split at random', async () => {
    const random = mulberry32(15);
    for (let run = 0; run < 2000; run++) {
      const parts = split(session(random), random);
      const [stock, fast] = await Promise.all([drive(parts, false), drive(parts, true)]);
      expect(fast, `run ${run}`).toEqual(stock);
    }
  }, 60_000);

  it('keeps a large message whole, with its escapes undone', async () => {
    const body = Buffer.from(`Subject: big\r\n\r\n${'.. a line\r\nplain line of text\r\n'.repeat(40_000)}`, 'binary');
    const input = Buffer.concat([Buffer.from('DATA\r\n'), body, Buffer.from('.\r\nQUIT\r\n')]);
    const parts: Buffer[] = [];
    for (let at = 0; at < input.length; at += 65_536) parts.push(input.subarray(at, at + 65_536));
    const [stock, fast] = await Promise.all([drive(parts, false), drive(parts, true)]);
    expect(fast).toEqual(stock);
    expect(fast.commands).toEqual(['DATA', 'QUIT']);
    expect(fast.messages[0]).toBe(body.toString('binary').replaceAll('\r\n..', '\r\n.').replace(/^\.\./, '.'));
  });
});
