// Frames of Mailpit's /api/events WebSocket, {Type, Data}: new (a summary), update ({ID, Read} or
// {ID, Tags}, whichever changed), delete ({ID}), truncate, prune (many gone at once), and stats
// ({Total, Unread, Version}) at most four times a second after any change.
import type { StoreEvent } from '../../store/index.ts';
import { SEEN, tagsOf, type MessageStore, type StoredMessage } from '../../store/index.ts';
import type { FrameSource } from '../events.ts';
import { toMailpitSummary } from './present.ts';
import type { MailpitEvent } from './shapes.ts';

const STATS_EVERY_MS = 250;
/** Above this many deletions at once Mailpit sends one prune instead of a delete per message. */
const PRUNE_ABOVE = 200;

export class MailpitFrames implements FrameSource {
  /** What the last frame said of each message, so an update names what changed. */
  readonly #shown = new WeakMap<StoredMessage, { read: boolean; tags: string }>();
  #statsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: MessageStore,
    private readonly version: string,
  ) {}

  handle(event: StoreEvent, send: (frame: string) => void): void {
    const frame = (Type: MailpitEvent['Type'], Data: unknown) => send(JSON.stringify({ Type, Data } satisfies MailpitEvent));
    switch (event.type) {
      case 'message.added':
        this.#remember(event.message);
        frame('new', toMailpitSummary(event.message));
        break;
      case 'message.updated': {
        const { message } = event;
        const before = this.#shown.get(message);
        const read = message.flags.has(SEEN);
        const tags = tagsOf(message);
        if (!before || before.read !== read) frame('update', { ID: String(message.id), Read: read });
        if (!before || before.tags !== tags.join('\n')) frame('update', { ID: String(message.id), Tags: tags });
        this.#remember(message);
        break;
      }
      case 'message.deleted':
      case 'message.evicted':
        if (event.messages.length > PRUNE_ABOVE) frame('prune', null);
        else for (const message of event.messages) frame('delete', { ID: String(message.id) });
        break;
      case 'store.cleared':
        frame('truncate', null);
        break;
      case 'folder.changed':
        return;
    }
    this.#statsTimer ??= setTimeout(() => {
      this.#statsTimer = undefined;
      const { total, unread } = this.store.counts();
      frame('stats', { Total: total, Unread: unread, Version: this.version });
    }, STATS_EVERY_MS);
  }

  close(): void {
    clearTimeout(this.#statsTimer);
  }

  #remember(message: StoredMessage): void {
    this.#shown.set(message, { read: message.flags.has(SEEN), tags: tagsOf(message).join('\n') });
  }
}
