// Free-text match for the REST `q` parameter: sender, recipients, subject and body, case-insensitive.
import { bodyText } from '../mail/text.ts';
import type { Address } from '../mail/address-list.ts';
import type { StoredMessage } from './message.ts';

function addressMatches(addresses: Array<Address | null>, needle: string): boolean {
  return addresses.some(
    (a) => a !== null && (a.address.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle)),
  );
}

/** `needle` must already be lower-case. */
export function matchesQuery(message: StoredMessage, needle: string): boolean {
  const { meta } = message.content;
  if (meta.subjectLower.includes(needle)) return true;
  if (addressMatches([meta.from, ...meta.to, ...meta.cc], needle)) return true;
  if (message.envelope.mailFrom.toLowerCase().includes(needle)) return true;
  if (message.envelope.rcptTo.some((r) => r.toLowerCase().includes(needle))) return true;
  return bodyText(message.content.raw).toLowerCase().includes(needle);
}
