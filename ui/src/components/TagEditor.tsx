// The open message's tags: remove one with its ×, add one by typing its name and pressing Enter.
import type { MessageDetail } from '../../../server/types.ts';
import { setTags } from '../actions.ts';
import { openGone } from '../state.ts';
import { TagChips } from './TagChips.tsx';

export function TagEditor({ message }: { message: MessageDetail }) {
  const gone = openGone.value;
  const add = (input: HTMLInputElement) => {
    const name = input.value.trim();
    if (!name) return;
    input.value = '';
    if (!message.tags.some((tag) => tag.toLowerCase() === name.toLowerCase())) void setTags(message.id, [...message.tags, name]);
  };
  return (
    <div class="tag-editor">
      <TagChips tags={message.tags} onRemove={gone ? undefined : (tag) => void setTags(message.id, message.tags.filter((t) => t !== tag))} />
      {!gone && (
        <input
          class="tag-input"
          type="text"
          placeholder="Add tag"
          aria-label="Add tag"
          maxLength={100}
          onKeyDown={(event) => {
            if (event.key === 'Enter') add(event.currentTarget);
          }}
        />
      )}
    </div>
  );
}
