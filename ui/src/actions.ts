// What the user can do to messages. The server's live events then update the list, so these only
// call the API (and set what only this tab needs to know, like which message is open).
import { batch } from '@preact/signals';
import { deleteAllMessages, deleteMessage, getMessage, messageUrl, patchMessage, releaseMessage } from './api.ts';
import { notify, reportError } from './notice.ts';
import { cursor, detail, openGone, openId, remoteImagesFor, rows, tab } from './state.ts';

export async function openMessage(id: number): Promise<void> {
  const index = rows.value.findIndex((row) => row?.id === id);
  batch(() => {
    if (index >= 0) cursor.value = index;
    openId.value = id;
    detail.value = null;
    openGone.value = false;
    remoteImagesFor.value = null;
  });
  try {
    const message = await getMessage(id);
    if (openId.value !== id) return;
    batch(() => {
      detail.value = message;
      if (message.html === null && tab.value === 'html') tab.value = 'text';
      if (message.html !== null && tab.value === 'text') tab.value = 'html';
    });
    if (!message.seen) {
      await patchMessage(id, { seen: true });
      if (detail.value?.id === id) detail.value = { ...detail.value, seen: true };
    }
  } catch (err) {
    if (openId.value === id) reportError(err);
  }
}

export function closeMessage(): void {
  batch(() => {
    openId.value = null;
    detail.value = null;
    openGone.value = false;
  });
}

export async function setSeen(id: number, seen: boolean): Promise<void> {
  try {
    await patchMessage(id, { seen });
  } catch (err) {
    reportError(err);
  }
}

export async function setFlagged(id: number, flagged: boolean): Promise<void> {
  try {
    await patchMessage(id, { flagged });
  } catch (err) {
    reportError(err);
  }
}

/** Sets a message's tags exactly (they are its IMAP keywords). */
export async function setTags(id: number, tags: string[]): Promise<void> {
  try {
    const message = await patchMessage(id, { tags });
    if (detail.value?.id === id) detail.value = message;
  } catch (err) {
    reportError(err);
  }
}

export async function removeMessage(id: number): Promise<void> {
  try {
    await deleteMessage(id);
    if (openId.value === id) closeMessage();
  } catch (err) {
    reportError(err);
  }
}

export async function removeAllMessages(): Promise<void> {
  try {
    await deleteAllMessages();
    closeMessage();
    notify('All messages deleted');
  } catch (err) {
    reportError(err);
  }
}

export async function copyApiUrl(id: number): Promise<void> {
  const url = new URL(messageUrl(id), location.href).href;
  try {
    await navigator.clipboard.writeText(url);
    notify(`Copied ${url}`);
  } catch {
    notify(`Copy failed; the URL is ${url}`, true);
  }
}

/** Sends the message on through the server's --relay; true when the relay took it. */
export async function release(id: number, to: string[]): Promise<boolean> {
  try {
    const result = await releaseMessage(id, to);
    const refused = result.rejected.length ? `; refused: ${result.rejected.join(', ')}` : '';
    notify(`Released to ${result.accepted.join(', ')}${refused}`);
    return true;
  } catch (err) {
    reportError(err);
    return false;
  }
}
