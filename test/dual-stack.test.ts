// `--host ::` (the image's setting) is dual-stack: every listener, the TLS ones included, answers
// on 127.0.0.1 and on ::1 alike.
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { ListenerInfo } from '../server/types.ts';
import { startSandbox } from './helpers/sandbox.ts';

/** Connects, reads the greeting line, hangs up. */
function greeting(address: string, port: number, secure: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = secure ? tls.connect({ host: address, port, rejectUnauthorized: false }) : net.connect({ host: address, port });
    socket.setEncoding('utf8');
    socket.setTimeout(5000, () => socket.destroy(new Error('no greeting')));
    let text = '';
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(text.slice(0, text.indexOf('\r\n')));
      }
    });
    socket.on('error', reject);
  });
}

describe('listening on ::', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ host: '::', tlsSelfSigned: true, smtpsPort: 0, imapsPort: 0, pop3sPort: 0 });
  });
  afterAll(() => sandbox.close());

  it('reports the wildcard and serves HTTP over IPv4 and IPv6', async () => {
    expect(sandbox.url).toBe(`http://[::]:${sandbox.http!.port}`);
    for (const host of ['127.0.0.1', '[::1]']) {
      const health = await (await fetch(`http://${host}:${sandbox.http!.port}/api/v1/health`)).json();
      expect(health.status, host).toBe('ok');
    }
  });

  it('greets on every mail listener over IPv4 and IPv6, plain and TLS', async () => {
    const listeners: Array<[string, ListenerInfo | null, boolean, RegExp]> = [
      ['smtp', sandbox.smtp, false, /^220 /],
      ['smtps', sandbox.smtps, true, /^220 /],
      ['imap', sandbox.imap, false, /^\* OK /],
      ['imaps', sandbox.imaps, true, /^\* OK /],
      ['pop3', sandbox.pop3, false, /^\+OK /],
      ['pop3s', sandbox.pop3s, true, /^\+OK /],
    ];
    for (const [name, listener, secure, expected] of listeners) {
      expect(listener?.host, name).toBe('::');
      for (const address of ['127.0.0.1', '::1']) {
        expect(await greeting(address, listener!.port, secure), `${name} on ${address}`).toMatch(expected);
      }
    }
  });
});
