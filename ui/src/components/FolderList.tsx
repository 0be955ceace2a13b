import { filter, folders } from '../state.ts';
import { FilterItem } from './FilterItem.tsx';

export function FolderList() {
  const current = filter.value.folder;
  const select = (folder: string) => (filter.value = { ...filter.value, folder });
  const total = folders.value.reduce((sum, f) => sum + f.total, 0);
  const unread = folders.value.reduce((sum, f) => sum + f.unread, 0);
  return (
    <nav aria-label="Folders">
      <h2 class="sidebar-title">Folders</h2>
      <ul class="filter-list">
        <FilterItem label="All mail" unread={unread} total={total} active={current === ''} onSelect={() => select('')} />
        {folders.value.map((folder) => (
          <FilterItem
            key={folder.name}
            label={folder.name}
            unread={folder.unread}
            total={folder.total}
            active={current === folder.name}
            onSelect={() => select(folder.name)}
          />
        ))}
      </ul>
    </nav>
  );
}
