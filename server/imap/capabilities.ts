// The CAPABILITY list for a session's state: STARTTLS and AUTH only before login, STARTTLS only
// when a certificate exists and the connection is not encrypted yet; with --tls-required, a plain
// connection says LOGINDISABLED and offers no AUTH mechanism until STARTTLS. IMAP4rev2 stands beside
// IMAP4rev1 (RFC 9051 Appendix A): a session is IMAP4rev1 until it sends ENABLE IMAP4rev2, and the
// list does not change when it does (RFC 9051 6.3.1). APPENDLIMIT (RFC 7889) names the largest
// message APPEND takes, --max-message-size.
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
  'SORT',
  'ESEARCH',
  'ESORT',
  'SEARCHRES',
  'CONTEXT=SEARCH',
  'THREAD=ORDEREDSUBJECT',
  'THREAD=REFERENCES',
  'STATUS=SIZE',
  'LIST-EXTENDED',
  'LIST-STATUS',
  'WITHIN',
  'MULTIAPPEND',
  'BINARY',
  'UTF8=ACCEPT',
  'PREVIEW',
];

export function capabilityList(session: Pick<SessionData, 'state' | 'secure'>, tls: { available: boolean; required: boolean }, appendLimit: number): string {
  const list = ['IMAP4rev1', 'IMAP4rev2'];
  if (session.state === 'not-authenticated') {
    if (tls.available && !session.secure) list.push('STARTTLS');
    list.push(tls.required && !session.secure ? 'LOGINDISABLED' : 'AUTH=PLAIN');
  }
  return [...list, ...EXTENSIONS, `APPENDLIMIT=${appendLimit}`].join(' ');
}
