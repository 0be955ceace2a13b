import { FolderList } from './FolderList.tsx';
import { MailboxList } from './MailboxList.tsx';
import { TagList } from './TagList.tsx';

export function Sidebar() {
  return (
    <aside class="sidebar">
      <FolderList />
      <MailboxList />
      <TagList />
    </aside>
  );
}
