import type { MessageDetail } from '../../../server/types.ts';
import { closeMessage, copyApiUrl, removeMessage, setFlagged, setSeen } from '../actions.ts';
import { rawUrl } from '../api.ts';
import { openGone } from '../state.ts';
import { Icon } from './Icon.tsx';
import { ReleaseForm } from './ReleaseForm.tsx';

export function MessageActions({ message }: { message: MessageDetail }) {
  const gone = openGone.value;
  return (
    <div class="toolbar" role="toolbar" aria-label="Message actions">
      <button class="back" onClick={closeMessage} title="Back to the list (Escape)">
        <Icon name="back" /> Back
      </button>
      <button disabled={gone} onClick={() => void setSeen(message.id, !message.seen)}>
        {message.seen ? 'Mark unread' : 'Mark read'}
      </button>
      <button disabled={gone} aria-pressed={message.flagged} onClick={() => void setFlagged(message.id, !message.flagged)}>
        <Icon name="star" filled={message.flagged} /> {message.flagged ? 'Unflag' : 'Flag'}
      </button>
      <a class="button" href={rawUrl(message.id, true)} download={`message-${message.id}.eml`}>
        Download .eml
      </a>
      <button onClick={() => void copyApiUrl(message.id)}>Copy API URL</button>
      <ReleaseForm key={message.id} message={message} />
      <button class="danger" disabled={gone} onClick={() => void removeMessage(message.id)} title="Delete (Delete key)">
        Delete
      </button>
    </div>
  );
}
