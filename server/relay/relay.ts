// Release: a stored message sent on, unchanged, to the one SMTP server --relay names. The host never
// comes from a request, and every recipient must match --relay-allow, so the API cannot be made to
// reach anything else. nodemailer speaks the SMTP (STARTTLS when offered, AUTH from the URL).
import nodemailer from 'nodemailer';
import { globToRegExp } from '../glob.ts';
import type { Logger } from '../log.ts';
import type { StoredMessage } from '../store/index.ts';

/** How long the relay may take to connect and to answer each step. */
const RELAY_TIMEOUT_MS = 30_000;

export type ReleaseFailure = 'no-relay' | 'no-recipients' | 'not-allowed' | 'relay-refused';

export class ReleaseError extends Error {
  constructor(
    readonly kind: ReleaseFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ReleaseError';
  }
}

export interface ReleaseResult {
  accepted: string[];
  rejected: string[];
  /** The relay's reply to the end of DATA. */
  response: string;
}

export class Relay {
  readonly #url: string | null;
  readonly #allow: RegExp[];
  readonly #log: Logger;

  constructor(url: string | null, allow: readonly string[], log: Logger) {
    this.#url = url;
    this.#allow = allow.map(globToRegExp);
    this.#log = log;
  }

  /** host:port of the relay, without credentials; null when none is configured. */
  get server(): string | null {
    if (!this.#url) return null;
    const url = new URL(this.#url);
    return `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 25)}`;
  }

  /** Sends the raw message to `to` (by default its envelope recipients); throws ReleaseError. */
  async release(message: StoredMessage, to?: readonly string[]): Promise<ReleaseResult> {
    if (!this.#url) throw new ReleaseError('no-relay', 'no relay is configured; start mailsandbox with --relay smtp://host:port');
    const recipients = [...new Set((to ?? message.envelope.rcptTo).map((address) => address.trim()).filter(Boolean))];
    if (!recipients.length) throw new ReleaseError('no-recipients', `message ${message.id} has no envelope recipients; give "to"`);
    const refused = recipients.filter((address) => this.#allow.length && !this.#allow.some((pattern) => pattern.test(address)));
    if (refused.length) throw new ReleaseError('not-allowed', `not in --relay-allow: ${refused.join(', ')}`);

    const transport = nodemailer.createTransport({
      url: this.#url,
      connectionTimeout: RELAY_TIMEOUT_MS,
      greetingTimeout: RELAY_TIMEOUT_MS,
      socketTimeout: RELAY_TIMEOUT_MS,
    });
    try {
      const info = await transport.sendMail({ envelope: { from: message.envelope.mailFrom, to: recipients }, raw: message.content.raw });
      const result = { accepted: info.accepted.map(String), rejected: info.rejected.map(String), response: info.response };
      this.#log.info('message released', { id: message.id, to: result.accepted, rejected: result.rejected });
      return result;
    } catch (err) {
      const { response, message: text } = err as Error & { response?: string };
      this.#log.warn('release failed', { id: message.id, error: response ?? text });
      throw new ReleaseError('relay-refused', response ?? `the relay could not be reached: ${text}`);
    } finally {
      transport.close();
    }
  }
}
