// The CAPABILITY list for a session's state: STARTTLS and AUTH only before login, STARTTLS only
// when a certificate exists and the connection is not encrypted yet.
import type { SessionData } from './context.ts';

const EXTENSIONS = [
  'LITERAL+',
  'SASL-IR',
  'ID',
  'ENABLE',
  'IDLE',
  'NAMESPACE',
  'UIDPLUS',
  'MOVE',
  'UNSELECT',
  'CHILDREN',
  'SPECIAL-USE',
  'CONDSTORE',
  'QRESYNC',
];

export function capabilityList(session: Pick<SessionData, 'state' | 'secure'>, tlsAvailable: boolean): string {
  const list = ['IMAP4rev1'];
  if (session.state === 'not-authenticated') {
    if (tlsAvailable && !session.secure) list.push('STARTTLS');
    list.push('AUTH=PLAIN');
  }
  return [...list, ...EXTENSIONS].join(' ');
}
