// RFC 2449 CAPA. STLS only while it can still be used: before login, on a plain connection, with a
// certificate configured.
import { listing } from '../reply.ts';
import { MECHANISMS } from './auth.ts';
import type { Pop3Command } from './command.ts';

export const CAPA: Pop3Command = {
  name: 'CAPA',
  states: ['AUTHORIZATION', 'TRANSACTION'],
  run(session) {
    const capabilities = ['TOP', 'UIDL', 'USER', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', `SASL ${MECHANISMS.join(' ')}`];
    if (session.canStartTls && session.state === 'AUTHORIZATION') capabilities.push('STLS');
    capabilities.push('IMPLEMENTATION mailsandbox');
    return { reply: listing('capability list follows', capabilities) };
  },
};
