// Tags (the messages' IMAP keywords) with their counts; choosing one filters the list by it.
import { filter, tags } from '../state.ts';
import { FilterItem } from './FilterItem.tsx';

export function TagList() {
  const current = filter.value.tag;
  const select = (tag: string) => (filter.value = { ...filter.value, tag: tag === current ? '' : tag });
  if (tags.value.length === 0) return null;
  return (
    <nav aria-label="Tags">
      <h2 class="sidebar-title">Tags</h2>
      <ul class="filter-list">
        {tags.value.map((tag) => (
          <FilterItem key={tag.name} label={tag.name} unread={tag.unread} total={tag.total} active={current === tag.name} onSelect={() => select(tag.name)} />
        ))}
      </ul>
    </nav>
  );
}
