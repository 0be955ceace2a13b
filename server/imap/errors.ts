// Every refusal an IMAP command can give, and the one place that turns it (or a store refusal, or a
// bug) into a tagged reply.
import { StoreError, type StoreErrorCode } from '../store/errors.ts';

export type ImapErrorKind = 'NO' | 'BAD';

/** A command's refusal. `code` is a response code without brackets, e.g. `TRYCREATE` or `BADCHARSET (UTF-8)`. */
export class ImapError extends Error {
  constructor(
    readonly kind: ImapErrorKind,
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ImapError';
  }
}

export const bad = (message: string, code: string | null = null) => new ImapError('BAD', message, code);
export const no = (message: string, code: string | null = null) => new ImapError('NO', message, code);

const STORE_CODES: Record<StoreErrorCode, string> = {
  'no-such-folder': 'NONEXISTENT',
  'folder-exists': 'ALREADYEXISTS',
  'folder-protected': 'CANNOT',
  'bad-folder-name': 'CANNOT',
  'folder-has-children': 'CANNOT',
};

/** Whether the failure is expected (a refusal) rather than a bug worth logging. */
export function isRefusal(err: unknown): boolean {
  return err instanceof ImapError || err instanceof StoreError;
}

export function isAuthenticationFailure(err: unknown): boolean {
  return err instanceof ImapError && err.code === 'AUTHENTICATIONFAILED';
}

function toImapError(err: unknown): ImapError {
  if (err instanceof ImapError) return err;
  if (err instanceof StoreError) return no(err.message, STORE_CODES[err.code]);
  return no('internal server error', 'SERVERBUG');
}

/** `tag NO [CODE] text` (or `* BAD ...` when the tag could not be read). */
export function errorReply(tag: string | null, err: unknown): string {
  const { kind, code, message } = toImapError(err);
  return `${tag ?? '*'} ${kind} ${code ? `[${code}] ` : ''}${oneLine(message)}\r\n`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
