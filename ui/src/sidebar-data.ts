// Folder, mailbox and tag counts for the sidebar, refetched (at most every 300 ms) as mail changes.
import { getFolders, getMailboxes, getTags } from './api.ts';
import { reportError } from './notice.ts';
import { folders, mailboxes, tags } from './state.ts';

const DELAY_MS = 300;
let timer: ReturnType<typeof setTimeout> | undefined;

export async function loadSidebar(): Promise<void> {
  try {
    const [folderList, mailboxList, tagList] = await Promise.all([getFolders(), getMailboxes(), getTags()]);
    folders.value = folderList;
    mailboxes.value = mailboxList;
    tags.value = tagList;
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
