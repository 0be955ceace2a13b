// The MAIL FROM / RCPT TO fast path of server/smtp/address-command.ts against smtp-server's own
// parser: on generated commands, mixing the common form with every form the library treats
// specially, the fast answer (where it gives one) must be exactly the library's, strict and lenient.
// Then, through a running sandbox and a raw socket, the forms the fast path leaves to the library
// still come out as the library reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { parseCommonAddressCommand, type ParseAddressCommand, type ParsedAddressCommand } from '../server/smtp/address-command.ts';
import { mulberry32 } from '../server/faults/prng.ts';
import type { Sandbox } from '../server/app.ts';
import { startSandbox } from './helpers/sandbox.ts';
import { SmtpSocket, type SmtpReply } from './helpers/smtp-socket.ts';

const library = (SMTPConnection.prototype as unknown as { _parseAddressCommand: ParseAddressCommand })._parseAddressCommand;

function libraryAnswer(name: string, command: string, lenient: boolean): ParsedAddressCommand {
  const connection = { id: 'test', session: {}, _server: { options: { lenientAddressParsing: lenient }, logger: { error: () => {} } } };
  return library.call(connection, name, Buffer.from(command));
}

const VERBS = {
  'mail from': ['MAIL FROM', 'mail from', 'Mail From', 'MAIL  FROM', 'MAIL FROM ', ' MAIL FROM', 'MAİL FROM', 'maıl from', 'RCPT TO'],
  'rcpt to': ['RCPT TO', 'rcpt to', 'Rcpt To', 'RCPT  TO', 'RCPT TO ', 'RCPT TO\t', 'MAIL FROM', 'rcpt tö'],
};
const SEPARATORS = [':', ': ', ' :', '::', ''];
const LOCALS = [
  'app', 'user.name', 'first+tag', "o'hara", 'a_b-c', '.lead', 'trail.', 'dou..ble', 'x', 'UPPER', '"quoted"', '"with space"',
  'üser', 'straße', 'a\u200bb', 'a\x01b', 'semi;colon', 'eq=ual', 'q?mark', 'brace{x}', 'back\\slash', 'a:b', 'a,b', 'l'.repeat(64), 'l'.repeat(250),
];
const DOMAINS = [
  'example.com', 'EXAMPLE.COM', 'sub.example.test', 'localhost', '-lead.example', 'trail-.example', 'a.-b.example', 'a-.b.example',
  '.lead.example', 'trail.example.', 'dou..ble.example', 'xn--bcher-kva.example', 'XN--BCHER-KVA.example', 'bücher.example',
  '[127.0.0.1]', '[IPv6:::1]', '[IPv6:2001:db8::1]', '[999.1.1.1]', 'under_score.example', 'd'.repeat(250), 'a@b.example',
];
const PARAMETERS = [
  '', ' SIZE=1234', ' BODY=8BITMIME', ' SMTPUTF8', ' size=1 BODY=7BIT', ' ENVID=ab+2Bcd', ' ENVID=ab+0D+0Acd', ' X=',
  ' =x', ' SIZE=1 SIZE=2', '\tSIZE=1', ' ', '  SIZE=1', ' A=b=c', ' __proto__=x', ' constructor=1', ' RET=HDRS ENVID=x',
  ' NOTIFY=SUCCESS,FAILURE', ' ORCPT=rfc822;a@b.example', ' K=\u00e9',
];

/** Half the time the list's first entry, the common form, so that every mix of forms comes up often. */
function pick<T>(random: () => number, from: readonly T[]): T {
  return random() < 0.5 ? from[0] : from[Math.floor(random() * from.length)];
}

function addressOf(random: () => number): string {
  const roll = random();
  if (roll < 0.05) return '<>';
  if (roll < 0.08) return pick(random, ['<postmaster>', '<Postmaster>', '<@relay.example:a@b.example>', '<@r1.example,@r2.example:a@b.example>']);
  if (roll < 0.11) return pick(random, ['a@b.example', '<<a@b.example>>', '<a@b.example', 'a@b.example>', '<a b@c.example>', '<>x']);
  return `<${pick(random, LOCALS)}@${pick(random, DOMAINS)}>`;
}

describe('the MAIL FROM / RCPT TO fast path', () => {
  it('answers exactly as smtp-server does, strict and lenient, on 20 000 generated commands', () => {
    const random = mulberry32(0x5eed);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const name = i % 2 ? 'rcpt to' : 'mail from';
      const command = `${pick(random, VERBS[name])}${pick(random, SEPARATORS)}${addressOf(random)}${pick(random, PARAMETERS)}`;
      const fast = parseCommonAddressCommand(name.toUpperCase(), command);
      if (fast === undefined) continue;
      answered++;
      for (const lenient of [false, true]) expect({ command, lenient, answer: fast }).toEqual({ command, lenient, answer: libraryAnswer(name, command, lenient) });
    }
    // The comparison means something only if the fast path took a fair share of the commands.
    expect(answered).toBeGreaterThan(3000);
  });

  it('takes the forms that real clients send', () => {
    for (const command of ['MAIL FROM:<app@example.com>', 'MAIL FROM:<>', 'MAIL FROM:<app@example.com> SIZE=1234 BODY=8BITMIME', 'mail from:<a.b+c@sub.example.test> SMTPUTF8']) {
      expect(parseCommonAddressCommand('MAIL FROM', command)).toEqual(libraryAnswer('mail from', command, false));
    }
    expect(parseCommonAddressCommand('RCPT TO', 'RCPT TO:<someone@example.com>')).toEqual({ address: 'someone@example.com', args: false });
    expect(parseCommonAddressCommand('MAIL FROM', 'MAIL FROM:<a@b.example> SIZE=1 SIZE=2')).toEqual({ address: 'a@b.example', args: { SIZE: '2' }, duplicate: 'SIZE' });
  });

  it('leaves every special form to the library', () => {
    for (const command of [
      'MAIL FROM:<@relay.example:a@b.example>',
      'MAIL FROM:<a@xn--bcher-kva.example>',
      'MAIL FROM:<a@[127.0.0.1]>',
      'MAIL FROM:<a@b.example> ENVID=x+2By',
      'MAIL FROM: <a@b.example>',
      'MAIL FROM:<a@b.example> ',
      'MAIL FROM:<üser@b.example>',
    ]) {
      expect(parseCommonAddressCommand('MAIL FROM', command)).toBeUndefined();
    }
    expect(parseCommonAddressCommand('RCPT TO', 'RCPT TO:<postmaster>')).toBeUndefined();
  });
});

describe('MAIL FROM / RCPT TO through a running sandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, httpPort: null });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  /** One SMTP conversation over a raw socket: each command waits for its reply. */
  async function converse(commands: string[]): Promise<SmtpReply[]> {
    const client = await SmtpSocket.open(sandbox.smtp!.port);
    await client.read();
    const replies: SmtpReply[] = [];
    for (const command of commands) replies.push(await client.command(command));
    client.close();
    return replies;
  }

  it('stores the addresses the library reads from source routes, punycode and IP literals', async () => {
    const replies = await converse([
      'EHLO client.example',
      'MAIL FROM:<@relay.example:sender@xn--bcher-kva.example>',
      'RCPT TO:<someone@[127.0.0.1]>',
      'RCPT TO:<plain@example.com> NOTIFY=NEVER',
      'RCPT TO:<.bad@example.com>',
      'DATA',
      'Subject: routed\r\n\r\nbody\r\n.',
      'QUIT',
    ]);
    expect(replies[1].code).toBe(250);
    expect(replies[2].code).toBe(250);
    expect(replies[3].code).toBe(250);
    expect(replies[4].code).toBe(501);
    expect(replies[6].code).toBe(250);
    const [message] = sandbox.store.list().messages;
    expect(message.envelope).toEqual({ mailFrom: 'sender@bücher.example', rcptTo: ['someone@[127.0.0.1]', 'plain@example.com'] });
  });
});
