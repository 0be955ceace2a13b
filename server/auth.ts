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
