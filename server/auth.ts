// One credential check for SMTP AUTH, IMAP LOGIN/AUTHENTICATE and POP3 USER/PASS/AUTH.
import { timingSafeEqual } from 'node:crypto';
import type { Config, SmtpAuthMode } from './config.ts';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkCredentials(
  config: Pick<Config, 'users'>,
  mode: SmtpAuthMode,
  user: string,
  password: string,
): boolean {
  if (mode === 'any') return true;
  return config.users.some((u) => u.user === user && same(u.password, password));
}

/** Looks up a user's password (for challenge-response mechanisms such as CRAM-MD5 and APOP). */
export function passwordOf(config: Pick<Config, 'users'>, user: string): string | null {
  return config.users.find((u) => u.user === user)?.password ?? null;
}

/** A SASL PLAIN response (RFC 4616): `authzid NUL authcid NUL password`, base64-encoded. */
export interface PlainCredentials {
  /** Whom the client asks to act as; '' for itself. */
  authzid: string;
  authcid: string;
  password: string;
}

/** Decodes a PLAIN response for IMAP AUTHENTICATE and POP3 AUTH; null when it is not valid base64 of three fields. */
export function decodePlain(base64: string): PlainCredentials | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return null;
  const [authzid, authcid, password, ...extra] = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  if (password === undefined || extra.length || !authcid) return null;
  return { authzid, authcid, password };
}

/**
 * The login a PLAIN exchange whose credentials checked out acts as, or null when it may not act as
 * its authzid (RFC 4616 5). Acting as another user is for a sandbox that accepts any password anyway.
 */
export function plainLogin(mode: SmtpAuthMode, credentials: PlainCredentials): string | null {
  const { authzid, authcid } = credentials;
  if (!authzid || authzid === authcid) return authcid;
  return mode === 'any' ? authzid : null;
}
