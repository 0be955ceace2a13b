// Under --ui-auth, the inline images of an HTML mail would not load: they are requested by the
// sandboxed frame, an opaque origin, and Chromium neither sends it the Basic credentials nor asks
// for them. The HTML document (fetched with credentials) links each part with a key that opens
// that one part of that one message and nothing else; the keys die with the process.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PART_PATH = /^\/api\/v1\/messages\/(\d+)\/attachments\/([^/]+)$/;

export class PartKeys {
  readonly #secret = randomBytes(32);

  key(messageId: number, partId: string): string {
    return createHmac('sha256', this.#secret).update(`${messageId}/${partId}`).digest('base64url');
  }

  /** Whether `key` opens the attachment at `path`. */
  opens(path: string, key: string | undefined): boolean {
    const match = PART_PATH.exec(path);
    if (!match || !key) return false;
    let partId: string;
    try {
      partId = decodeURIComponent(match[2]);
    } catch {
      return false;
    }
    const expected = Buffer.from(this.key(Number(match[1]), partId));
    const given = Buffer.from(key);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
