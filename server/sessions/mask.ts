// Secrets out of client lines, per protocol, before a line is kept. A masked part reads ***.
export const MASK = '***';

const IMAP_LOGIN = /^(\S+ LOGIN )("(?:[^"\\]|\\.)*"|\{\d+ bytes\}|\S+)(?: .*)?$/is;
const IMAP_AUTHENTICATE = /^(\S+ AUTHENTICATE \S+)( .*)?$/is;

export function maskImap(line: string): string {
  const login = IMAP_LOGIN.exec(line);
  if (login) return `${login[1]}${login[2]} ${MASK}`;
  const auth = IMAP_AUTHENTICATE.exec(line);
  if (auth) return auth[2] ? `${auth[1]} ${MASK}` : auth[1];
  return line;
}

export function maskPop3(line: string): string {
  const space = line.indexOf(' ');
  if (space < 0) return line;
  const verb = line.slice(0, space).toUpperCase();
  if (verb === 'PASS') return `${line.slice(0, space)} ${MASK}`;
  if (verb === 'APOP' || verb === 'AUTH') {
    const second = line.indexOf(' ', space + 1);
    return second < 0 ? line : `${line.slice(0, second)} ${MASK}`;
  }
  return line;
}

const SMTP_AUTH = /^(AUTH \S+) .+$/i;
/** smtp-server has already replaced credentials with its own marker; AUTH arguments go too. */
export function maskSmtp(line: string): string {
  if (line === '/* secured */') return MASK;
  const auth = SMTP_AUTH.exec(line);
  return auth ? `${auth[1]} ${MASK}` : line;
}
