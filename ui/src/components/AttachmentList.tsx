import type { MessageDetail } from '../../../server/types.ts';
import { attachmentUrl } from '../api.ts';
import { formatSize } from '../format.ts';
import { Icon } from './Icon.tsx';

export function AttachmentList({ message }: { message: MessageDetail }) {
  if (message.attachments.length === 0) return null;
  return (
    <ul class="attachments" aria-label="Attachments">
      {message.attachments.map((part) => {
        const name = part.filename ?? `part ${part.partId}`;
        return (
          <li key={part.partId} class="attachment">
            <Icon name="paperclip" />
            <a href={attachmentUrl(message.id, part.partId)} target="_blank" rel="noopener noreferrer">
              {name}
            </a>
            <span class="muted">
              {part.contentType} · {formatSize(part.size)}
              {part.inline && ' · inline'}
            </span>
            <a class="download" href={attachmentUrl(message.id, part.partId, true)} download={name}>
              Download
            </a>
          </li>
        );
      })}
    </ul>
  );
}
