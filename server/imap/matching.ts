// The messages of the selected mailbox that match a SEARCH key, for the commands that search and
// then order or group the hits (SORT, THREAD). Messages whose expunge is held back are gone: never hits.
import type { StoredMessage } from '../store/message.ts';
import type { Selected } from './context.ts';
import { compileSearch } from './search.ts';
import type { SearchContext, SearchKey } from './syntax.ts';

export function matchingMessages({ view, recent }: Selected, key: SearchKey): Array<[number, StoredMessage]> {
  const messages = view.numbered;
  const matches = compileSearch(key);
  const context: SearchContext = { seq: 0, maxSeq: messages.length, maxUid: view.lastId, isRecent: (id) => recent.has(id) };
  const hits: Array<[number, StoredMessage]> = [];
  for (let i = 0; i < messages.length; i++) {
    context.seq = i + 1;
    if (!view.isRemoved(messages[i].id) && matches(messages[i], context)) hits.push([i + 1, messages[i]]);
  }
  return hits;
}
