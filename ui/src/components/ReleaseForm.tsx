// "Release…": send the message on through the server's --relay, to recipients the user may edit
// (the envelope recipients to start with). The server checks them against --relay-allow.
import { useState } from 'preact/hooks';
import type { MessageDetail } from '../../../server/types.ts';
import { release } from '../actions.ts';
import { health } from '../state.ts';

export function ReleaseForm({ message }: { message: MessageDetail }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const relay = health.value?.relay;
  if (!relay) return null;
  if (!open) {
    return (
      <button
        onClick={() => {
          setTo(message.envelope.rcptTo.join(', '));
          setOpen(true);
        }}
        title={`Send this message on through ${relay}`}
      >
        Release…
      </button>
    );
  }
  const recipients = to.split(/[,\s]+/).filter(Boolean);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    if (await release(message.id, recipients)) setOpen(false);
    setSending(false);
  };
  return (
    <form class="release-form" onSubmit={(event) => void submit(event)} aria-label="Release">
      <label>
        Release through {relay} to{' '}
        <input name="to" value={to} onInput={(event) => setTo(event.currentTarget.value)} size={40} autoFocus />
      </label>
      <button type="submit" disabled={sending || !recipients.length}>
        Send
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
