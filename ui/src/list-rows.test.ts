import { beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent, MessageSummary } from '../../server/types.ts';
import { changeRows, changes } from './list-rows.ts';
import { filter, rows } from './state.ts';

function summary(id: number, extra: Partial<MessageSummary> = {}): MessageSummary {
  return {
    id,
    folder: 'INBOX',
    uid: id,
    from: null,
    to: [],
    cc: [],
    recipientCounts: { to: 0, cc: 0, rcptTo: 1 },
    subject: `#${id}`,
    snippet: '',
    date: '2026-12-02T00:00:00.000Z',
    receivedAt: '2026-12-02T00:00:00.000Z',
    size: 100,
    hasAttachments: false,
    seen: false,
    flagged: false,
    flags: [],
    tags: [],
    envelope: { mailFrom: 'app@example.com', rcptTo: ['dev@example.com'] },
    ...extra,
  };
}

const added = (id: number, extra?: Partial<MessageSummary>): LiveEvent => ({ v: 1, type: 'message.added', data: summary(id, extra) });
const ids = () => rows.value.map((row) => row?.id);

describe('changeRows', () => {
  beforeEach(() => {
    filter.value = { folder: '', mailbox: '', tag: '', q: '', unreadOnly: false };
    rows.value = [summary(2), summary(1)];
  });

  it('puts a burst of arrivals on top, newest first, with one write', () => {
    const before = changes.addedOnTop;
    let writes = 0;
    const stop = rows.subscribe(() => writes++);
    writes = 0;
    expect(changeRows([added(3), added(4), added(5)])).toBe(true);
    stop();
    expect(ids()).toEqual([5, 4, 3, 2, 1]);
    expect(writes).toBe(1);
    expect(changes.addedOnTop - before).toBe(3);
  });

  it('applies updates and deletions in order among arrivals, as one by one would', () => {
    const events: LiveEvent[] = [
      added(3),
      { v: 1, type: 'message.updated', data: summary(3, { seen: true }) },
      added(4),
      { v: 1, type: 'message.deleted', data: { ids: [2, 4], reason: 'deleted' } },
      added(5),
    ];
    const version = changes.version;
    expect(changeRows(events)).toBe(true);
    expect(ids()).toEqual([5, 3, 1]);
    expect(rows.value[1]!.seen).toBe(true);
    expect(changes.version).toBeGreaterThan(version);

    rows.value = [summary(2), summary(1)];
    for (const event of events) changeRows([event]);
    expect(ids()).toEqual([5, 3, 1]);
  });

  it('leaves out arrivals of another folder, and says when only the server can tell', () => {
    filter.value = { ...filter.value, folder: 'Archive' };
    expect(changeRows([added(3)])).toBe(true);
    expect(ids()).toEqual([2, 1]);

    filter.value = { ...filter.value, folder: '', q: 'invoice' };
    expect(changeRows([added(4)])).toBe(false);
    expect(ids()).toEqual([2, 1]);
  });

  it('cuts evicted rows it never loaded from the bottom without a filter, and asks the server with one', () => {
    rows.value = [summary(5), summary(4), undefined, undefined];
    const evicted: LiveEvent = { v: 1, type: 'message.evicted', data: { ids: [1, 2] } };
    expect(changeRows([added(6), evicted])).toBe(true);
    expect(ids()).toEqual([6, 5, 4]);

    filter.value = { ...filter.value, folder: 'INBOX' };
    rows.value = [summary(5), summary(4), undefined, undefined];
    expect(changeRows([evicted])).toBe(false);
    expect(ids()).toEqual([5, 4, undefined, undefined]);

    filter.value = { ...filter.value, folder: '' };
    expect(changeRows([{ v: 1, type: 'message.deleted', data: { ids: [2], reason: 'deleted' } }])).toBe(false);
  });

  it('empties the list on store.cleared, keeping only what came after it', () => {
    expect(changeRows([added(3), { v: 1, type: 'store.cleared', data: {} }, added(4)])).toBe(true);
    expect(ids()).toEqual([4]);
  });
});
