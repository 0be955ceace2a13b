// Bounded fuzz (fixed seed, a few thousand lines, loopback only): mutated and random command lines
// go into live POP3 sessions, logged in or not. Every session ends the way the protocol says (QUIT
// or a "-ERR ..., closing"), nothing is logged as an internal error, and the server keeps serving.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { createLogger } from '../server/log.ts';
import { poplib } from './clients/pop3-poplib.ts';
import { lineFuzzer } from './helpers/fuzz.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const SEEDS = [
  'USER fuzz',
  'USER alice@example.com',
  'PASS secret words',
  'APOP fuzz 0123456789abcdef0123456789abcdef',
  'AUTH PLAIN AGZ1enoAeA==',
  'AUTH PLAIN',
  'AGZ1enoAeA==',
  'AUTH',
  'CAPA',
  'STLS',
  'STAT',
  'LIST',
  'LIST 2',
  'UIDL',
  'UIDL 1',
  'RETR 1',
  'TOP 2 3',
  'DELE 3',
  'RSET',
  'NOOP',
  'QUIT',
];

const ALPHABET = ' 0123456789abcXYZ=+/*.-\r\n\t\x00\xff';

const generator = (seed: number) =>
  lineFuzzer({ seed, seeds: SEEDS, alphabet: ALPHABET, edits: { min: 0, spread: 4 }, splice: (line) => ' ' + line });

/** Sends the lines, then QUIT, and returns everything the server said until it closed. */
function transcript(port: number, lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => reject(new Error(`session did not end: ${Buffer.concat(chunks).toString('latin1').slice(-300)}`)), 10_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    // "*" ends an AUTH exchange the lines may have left open; otherwise it is one more bad command.
    socket.write(Buffer.from(lines.map((line) => line + '\r\n').join('') + '*\r\nQUIT\r\n', 'latin1'));
  });
}

describe('POP3 fuzz', () => {
  let sandbox: Sandbox;
  const errors: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('json', 'error', (line) => errors.push(line));
    sandbox = await startSandbox({ imapPort: null, logger });
  });
  afterAll(() => sandbox.close());

  it('ends 150 sessions of mutated lines cleanly, logs no internal error and keeps serving', async () => {
    const gen = generator(20_261_124);
    let refusals = 0;
    for (let session = 0; session < 150; session++) {
      while (sandbox.store.stats().messages < 5) await sendMail(sandbox, { subject: 'fuzz', text: '.dot\nline\n' });
      const login = gen.random() < 0.6 ? ['USER fuzz', 'PASS x'] : [];
      const lines = [...login, ...Array.from({ length: 15 }, () => gen.line())];
      const said = await transcript(sandbox.pop3!.port, lines);
      expect(said).toMatch(/^\+OK mailsandbox POP3 ready/);
      expect(said).toMatch(/(\+OK mailsandbox POP3 signing off[^\r\n]*|-ERR [^\r\n]*closing)\r\n$/);
      refusals += said.split('\r\n-ERR ').length - 1;
    }
    expect(refusals).toBeGreaterThan(500);
    expect(errors).toEqual([]);
    const after = await poplib(sandbox.pop3!.port, [['user', 'fine'], ['pass', 'x'], ['stat']]);
    expect(after.results[2].count).toBeGreaterThan(0);
  });
});
