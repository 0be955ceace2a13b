// Recipients (RCPT TO) that got mail: the same split an address login sees over IMAP and POP3.
import { filter, mailboxes } from '../state.ts';
import { FilterItem } from './FilterItem.tsx';

export function MailboxList() {
  const current = filter.value.mailbox;
  const select = (mailbox: string) => (filter.value = { ...filter.value, mailbox: mailbox === current ? '' : mailbox });
  if (mailboxes.value.length === 0) return null;
  return (
    <nav aria-label="Mailboxes">
      <h2 class="sidebar-title">Mailboxes</h2>
      <ul class="filter-list">
        {mailboxes.value.map((mailbox) => (
          <FilterItem
            key={mailbox.address}
            label={mailbox.address}
            unread={mailbox.unread}
            total={mailbox.total}
            active={current === mailbox.address}
            onSelect={() => select(mailbox.address)}
          />
        ))}
      </ul>
    </nav>
  );
}
