// One row of the list at a fixed height; a row whose page is still loading is an empty placeholder.
import type { MessageSummary } from '../../../server/types.ts';
import { openMessage, setFlagged } from '../actions.ts';
import { addressList, addressLabel, formatSize, fullTime, relativeTime } from '../format.ts';
import { Icon } from './Icon.tsx';
import { TagChips } from './TagChips.tsx';

export const ROW_HEIGHT = 72;

export interface RowProps {
  message: MessageSummary | undefined;
  top: number;
  isCursor: boolean;
  isOpen: boolean;
  now: number;
}

export function MessageRow({ message, top, isCursor, isOpen, now }: RowProps) {
  const style = `transform:translateY(${top}px);height:${ROW_HEIGHT}px`;
  if (!message) return <div class="row row-loading" style={style} aria-hidden="true" />;
  const classes = ['row', message.seen ? 'read' : 'unread', isCursor && 'cursor', isOpen && 'open'].filter(Boolean).join(' ');
  const toggleFlag = (event: MouseEvent) => {
    event.stopPropagation();
    void setFlagged(message.id, !message.flagged);
  };
  return (
    <div class={classes} style={style} role="option" aria-selected={isOpen} data-id={message.id} onClick={() => void openMessage(message.id)}>
      <div class="row-line">
        <span class="unread-dot" title={message.seen ? 'Read' : 'Unread'} />
        <span class="row-from">{addressLabel(message.from)}</span>
        <span class="row-to">to {recipients(message)}</span>
        <time class="row-time" dateTime={message.date} title={fullTime(message.date)}>
          {relativeTime(message.date, now)}
        </time>
      </div>
      <div class="row-line">
        <span class="row-subject">{message.subject || '(no subject)'}</span>
        <TagChips tags={message.tags} />
        {message.hasAttachments && (
          <span class="row-attachment" title="Has attachments" data-testid="attachment-mark">
            <Icon name="paperclip" />
          </span>
        )}
        <button
          class={message.flagged ? 'row-flag flagged' : 'row-flag'}
          title={message.flagged ? 'Unflag' : 'Flag'}
          aria-label={message.flagged ? 'Unflag' : 'Flag'}
          aria-pressed={message.flagged}
          onClick={toggleFlag}
        >
          <Icon name="star" filled={message.flagged} />
        </button>
      </div>
      <div class="row-line">
        <span class="row-snippet">{message.snippet}</span>
        <span class="row-size">{formatSize(message.size)}</span>
      </div>
    </div>
  );
}

/** The summary carries the first addresses only; the rest are counted. */
function recipients(message: MessageSummary): string {
  const fromHeader = message.to.length > 0;
  const shown = fromHeader ? addressList(message.to) : message.envelope.rcptTo.join(', ');
  const total = fromHeader ? message.recipientCounts.to : message.recipientCounts.rcptTo;
  const listed = fromHeader ? message.to.length : message.envelope.rcptTo.length;
  return total > listed ? `${shown} and ${total - listed} more` : shown;
}
