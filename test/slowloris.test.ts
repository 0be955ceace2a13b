// Slowloris on every port: clients from one address trickle a byte at a time and never finish a
// login or a request. A well-behaved client from another address is served on every protocol
// meanwhile, the slow ones beyond the per-address cap are refused, and the rest are cut at the
// login deadline however much they trickle.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MessageList } from '../server/types.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

const PER_ADDRESS = 15;
const SLOW_PER_PORT = 25;
const LOGIN_TIMEOUT = 2000;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ maxConnections: 100, maxConnectionsPerIp: PER_ADDRESS, loginTimeout: LOGIN_TIMEOUT });
});
afterAll(() => sandbox.close());

/** Opens slow clients from 127.0.0.2 that write one byte of `pattern` every 100 ms. */
async function slowClients(port: number, pattern: string): Promise<{ clients: LineSocket[]; stop: () => void }> {
  const clients = await Promise.all(Array.from({ length: SLOW_PER_PORT }, () => LineSocket.open(port, { localAddress: '127.0.0.2' })));
  let at = 0;
  const timer = setInterval(() => {
    const byte = pattern[at++ % pattern.length];
    for (const client of clients) if (!client.closed) client.write(byte);
  }, 100);
  return {
    clients,
    stop: () => {
      clearInterval(timer);
      for (const client of clients) client.close();
    },
  };
}

describe('slowloris', () => {
  it('serves a well-behaved client on every protocol while each port is trickled at, then cuts the slow ones', async () => {
    const slow = await Promise.all([
      slowClients(sandbox.smtp!.port, 'EHLO slowly.example.com'),
      slowClients(sandbox.imap!.port, 'a LOGIN slow password'),
      slowClients(sandbox.pop3!.port, 'USER slow'),
      slowClients(sandbox.http!.port, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1'),
    ]);
    try {
      // The well-behaved client, from 127.0.0.1, on every protocol.
      const id = await sendMail(sandbox, { subject: 'served', text: 'despite the slow ones' });
      const imap = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap!.port, secure: false, auth: { user: 'dev', pass: 'x' }, logger: false });
      await imap.connect();
      await imap.mailboxOpen('INBOX');
      const fetched = await imap.fetchOne(String(id), { envelope: true }, { uid: true });
      expect(fetched && fetched.envelope?.subject).toBe('served');
      await imap.logout();
      const pop3 = await LineSocket.open(sandbox.pop3!.port);
      pop3.write('USER dev\r\nPASS x\r\nSTAT\r\nQUIT\r\n');
      expect((await pop3.waitFor(/^\+OK \d+ \d+$/)).at(-1)).toMatch(/^\+OK [1-9]/);
      pop3.close();
      const { status, body } = await api<MessageList>(sandbox, '/api/v1/messages');
      expect(status).toBe(200);
      expect(body.messages[0].id).toBe(id);

      // Past the per-address cap the slow ones were refused at once; the others are cut at the deadline.
      for (const { clients } of slow.slice(0, 3)) {
        const closed = await Promise.all(clients.map((client) => client.closedWithin(LOGIN_TIMEOUT + 3000)));
        expect(closed.every(Boolean)).toBe(true);
        const refused = clients.filter((client) => /too many connections from your address/.test(client.lines.join('\n')));
        expect(refused).toHaveLength(SLOW_PER_PORT - PER_ADDRESS);
      }
    } finally {
      for (const { stop } of slow) stop();
    }
  });
});
