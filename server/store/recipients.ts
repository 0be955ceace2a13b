// Who a message went to that its headers do not show: the Bcc header, plus SMTP recipients named in
// no To, Cc or Bcc header (how Bcc arrives over SMTP). Mailpit lists these as Bcc too.
import type { Address } from '../mail/address-list.ts';
import type { StoredMessage } from './message.ts';

export function hiddenRecipients(message: StoredMessage): Address[] {
  const { meta } = message.content;
  const shown = new Set([...meta.to, ...meta.cc, ...meta.bcc].map((a) => a.address.toLowerCase()));
  const hidden = [...meta.bcc];
  for (const rcpt of message.envelope.rcptTo) {
    const address = rcpt.toLowerCase();
    if (shown.has(address)) continue;
    shown.add(address);
    hidden.push({ name: '', address: rcpt });
  }
  return hidden;
}
