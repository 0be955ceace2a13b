// Native tags: every tag with its counts, and a message's tags set exactly. Tags are the messages'
// IMAP keywords (server/store/tags.ts), so IMAP clients see each change at once.
import { SEEN, tagsOf, withTags, type MessageStore } from '../store/index.ts';
import type { TagInfo } from '../types.ts';
import { HttpError } from './errors.ts';

export function tagInfos(store: MessageStore): TagInfo[] {
  const byName = new Map<string, TagInfo>();
  for (const message of store.all()) {
    const unread = message.flags.has(SEEN) ? 0 : 1;
    for (const name of tagsOf(message)) {
      const info = byName.get(name) ?? { name, total: 0, unread: 0 };
      info.total++;
      info.unread += unread;
      byName.set(name, info);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/** Replaces a message's tags, keeping its system flags. */
export function setTags(store: MessageStore, id: number, tags: readonly string[]): void {
  const message = store.get(id);
  if (!message) throw new HttpError(404, 'not-found', `no message with id ${id}`);
  store.setFlags([id], 'replace', withTags(message.flags, tags));
}
