// Who, when and the SMTP envelope, which may differ from the headers (Bcc, forwarding, test senders).
import type { Address, MessageDetail } from '../../../server/types.ts';
import { addressFull, formatSize, fullTime } from '../format.ts';

function AddressRow({ label, addresses }: { label: string; addresses: Array<Address | null> }) {
  const present = addresses.filter((a): a is Address => a !== null);
  if (present.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{present.map(addressFull).join(', ')}</dd>
    </>
  );
}

export function MessageHeader({ message }: { message: MessageDetail }) {
  return (
    <header class="message-header">
      <h2 class="message-subject">{message.subject || '(no subject)'}</h2>
      <dl class="fields">
        <AddressRow label="From" addresses={[message.from]} />
        <AddressRow label="To" addresses={message.to} />
        <AddressRow label="Cc" addresses={message.cc} />
        <AddressRow label="Bcc" addresses={message.bcc} />
        <AddressRow label="Reply-To" addresses={message.replyTo} />
        <dt>Date</dt>
        <dd>
          <time dateTime={message.date}>{fullTime(message.date)}</time>
        </dd>
        <dt>MAIL FROM</dt>
        <dd data-testid="mail-from">{message.envelope.mailFrom || '<>'}</dd>
        <dt>RCPT TO</dt>
        <dd data-testid="rcpt-to">{message.envelope.rcptTo.join(', ')}</dd>
        <dt>Details</dt>
        <dd class="muted">
          id {message.id} · {message.folder} · {formatSize(message.size)}
          {message.flags.length > 0 && ` · ${message.flags.join(' ')}`}
        </dd>
      </dl>
    </header>
  );
}
