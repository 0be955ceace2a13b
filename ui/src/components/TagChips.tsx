// A message's tags as small chips; with onRemove each chip has a remove button.
export function TagChips({ tags, onRemove }: { tags: string[]; onRemove?: (tag: string) => void }) {
  if (tags.length === 0) return null;
  return (
    <span class="tags" data-testid="tags">
      {tags.map((tag) => (
        <span class="tag" key={tag}>
          {tag}
          {onRemove && (
            <button class="tag-remove" aria-label={`Remove tag ${tag}`} title={`Remove tag ${tag}`} onClick={() => onRemove(tag)}>
              ×
            </button>
          )}
        </span>
      ))}
    </span>
  );
}
