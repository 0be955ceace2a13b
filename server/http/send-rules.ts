// Rules both send endpoints (native and Mailpit) apply to a draft.
import addressparser from 'nodemailer/lib/addressparser';

/** Headers a draft may not set: the composer writes them from the draft's own fields. */
export const PROTECTED_HEADERS = new Set(['to', 'from', 'cc', 'bcc', 'reply-to', 'date', 'subject', 'content-type', 'mime-version']);

/** One plain address (local@domain), nothing more. */
export function isEmailAddress(value: string): boolean {
  const parsed = addressparser(value.trim());
  return parsed.length === 1 && !parsed[0].group && parsed[0].address === value.trim() && /^[^@\s]+@[^@\s]+$/.test(value.trim());
}
