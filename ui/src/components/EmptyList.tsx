import { filter, health } from '../state.ts';

export function EmptyList() {
  const { folder, mailbox, q, unreadOnly } = filter.value;
  const filtered = folder || mailbox || q || unreadOnly;
  const smtp = health.value?.smtp;
  return (
    <div class="empty-list">
      {filtered ? (
        <p>No messages match.</p>
      ) : (
        <>
          <p>No mail yet.</p>
          {smtp && (
            <p class="muted">
              Send some to SMTP <code>{smtp.host}:{smtp.port}</code>; it shows up here at once.
            </p>
          )}
        </>
      )}
    </div>
  );
}
