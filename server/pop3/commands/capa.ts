// RFC 2449 CAPA. STLS only while it can still be used: before login, on a plain connection, with a
// certificate configured. Under --tls-required a plain connection lists no way to log in (USER,
// SASL) until STLS.
import { listing } from '../reply.ts';
import { MECHANISMS } from './auth.ts';
import type { Pop3Command } from './command.ts';

export const CAPA: Pop3Command = {
  name: 'CAPA',
  states: ['AUTHORIZATION', 'TRANSACTION'],
  run(session) {
    const canLogIn = !session.loginNeedsTls;
    const capabilities = ['TOP', 'UIDL', ...(canLogIn ? ['USER'] : []), 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING'];
    if (canLogIn) capabilities.push(`SASL ${MECHANISMS.join(' ')}`);
    if (session.canStartTls && session.state === 'AUTHORIZATION') capabilities.push('STLS');
    capabilities.push('IMPLEMENTATION mailsandbox');
    return { reply: listing('capability list follows', capabilities) };
  },
};
