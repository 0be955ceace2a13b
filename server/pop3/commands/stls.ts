// RFC 2595 4: STLS. The connection starts TLS once "+OK" is out and drops any command the client
// pipelined after STLS, which an attacker could have slipped in before encryption.
import { Pop3Error } from '../errors.ts';
import { ok } from '../reply.ts';
import type { Pop3Command } from './command.ts';

export const STLS: Pop3Command = {
  name: 'STLS',
  states: ['AUTHORIZATION'],
  run(session) {
    if (!session.canStartTls) {
      throw new Pop3Error(session.deps.tls ? 'TLS is already active' : 'STLS is not available: start mailsandbox with --tls-self-signed or --tls-cert/--tls-key');
    }
    return { reply: ok('begin TLS negotiation'), after: 'start-tls' };
  },
};
