// Folder and mailbox counts for the sidebar, refetched (at most every 300 ms) as mail changes.
import { getFolders, getMailboxes } from './api.ts';
import { reportError } from './notice.ts';
import { folders, mailboxes } from './state.ts';

const DELAY_MS = 300;
let timer: ReturnType<typeof setTimeout> | undefined;

export async function loadSidebar(): Promise<void> {
  try {
    const [folderList, mailboxList] = await Promise.all([getFolders(), getMailboxes()]);
    folders.value = folderList;
    mailboxes.value = mailboxList;
  } catch (err) {
    reportError(err);
  }
}

export function refreshSidebar(): void {
  timer ??= setTimeout(() => {
    timer = undefined;
    void loadSidebar();
  }, DELAY_MS);
}
