import { FolderList } from './FolderList.tsx';
import { MailboxList } from './MailboxList.tsx';

export function Sidebar() {
  return (
    <aside class="sidebar">
      <FolderList />
      <MailboxList />
    </aside>
  );
}
