import { describe, expect, it } from 'vitest';
import { MessageStore } from './store.ts';
import { CATCH_ALL, loginFor } from './message.ts';
import { MailboxView } from './view.ts';

const raw = (subject: string) => Buffer.from(`Subject: ${subject}\r\n\r\nbody\r\n`);

function storeWith(count: number, to = 'r@example.com') {
  const store = new MessageStore({ maxMessages: 1000, maxBytes: 10_000_000 });
  const ids = [];
  for (let i = 0; i < count; i++) ids.push(store.add(raw(`m${i}`), { mailFrom: '', rcptTo: [to] }).id);
  return { store, ids };
}

describe('MailboxView', () => {
  it('numbers the folder as the login sees it and finds sequence numbers by id and by UID', () => {
    const store = new MessageStore({ maxMessages: 1000, maxBytes: 10_000_000 });
    store.add(raw('drafted'), { mailFrom: '', rcptTo: ['r@example.com'] }, { folder: 'Drafts' });
    const ids = [1, 2, 3].map((i) => store.add(raw(`m${i}`), { mailFrom: '', rcptTo: ['r@example.com'] }).id);
    store.add(raw('other'), { mailFrom: '', rcptTo: ['other@example.com'] });
    store.add(raw('last'), { mailFrom: '', rcptTo: ['r@example.com'] });
    const view = new MailboxView(store, 'INBOX', loginFor('r@example.com'));
    expect(view.count).toBe(4);
    expect(view.seqOf(ids[1])).toBe(2);
    expect(view.seqOf(999)).toBe(0);
    expect(view.numbered.map((m) => [m.id, m.uid])).toEqual([[2, 1], [3, 2], [4, 3], [6, 5]]);
    expect(view.seqOfUid(2)).toBe(2);
    expect(view.seqOfUid(4)).toBe(0);
    expect(view.lastUid).toBe(5);
    expect(view.seqsInUidRange(2, 1000)).toEqual([2, 4]);
    expect(view.seqsInUidRange(4, 4)).toEqual([4, 3]);
    view.close();
  });

  it('keeps removed messages numbered until removals may be reported, highest number first', () => {
    const { store, ids } = storeWith(4);
    const view = new MailboxView(store, 'INBOX', CATCH_ALL);
    let changes = 0;
    view.onChange = () => changes++;
    store.delete([ids[1], ids[3]]);
    expect(changes).toBe(1);
    expect(view.isRemoved(ids[1])).toBe(true);
    expect(view.takeUpdates(false)).toEqual([]);
    expect(view.count).toBe(4);
    expect(view.numbered[1]?.id).toBe(ids[1]);
    expect(view.takeUpdates(true)).toEqual([
      { kind: 'expunge', seq: 4, id: ids[3], uid: 4 },
      { kind: 'expunge', seq: 2, id: ids[1], uid: 2 },
    ]);
    expect(view.numbered.map((m) => m.id)).toEqual([ids[0], ids[2]]);
    view.close();
  });

  it('announces arrivals once, drops ones removed before they were announced, and ignores other folders and logins', () => {
    const { store } = storeWith(1);
    const view = new MailboxView(store, 'INBOX', loginFor('r@example.com'));
    const a = store.add(raw('a'), { mailFrom: '', rcptTo: ['r@example.com'] });
    const b = store.add(raw('b'), { mailFrom: '', rcptTo: ['r@example.com'] });
    store.add(raw('c'), { mailFrom: '', rcptTo: ['else@example.com'] });
    store.add(raw('d'), { mailFrom: '', rcptTo: ['r@example.com'] }, { folder: 'Sent' });
    store.delete([b.id]);
    expect(view.takeUpdates(false)).toEqual([{ kind: 'exists', count: 2, arrived: [a] }]);
    expect(view.numbered[1]?.id).toBe(a.id);
    expect(view.hasUpdates).toBe(false);
    view.close();
  });

  it('reports flag changes by sequence number unless the session reported them itself', () => {
    const { store, ids } = storeWith(3);
    const view = new MailboxView(store, 'INBOX', CATCH_ALL);
    store.setFlags([ids[2], ids[0]], 'add', ['\\Seen']);
    store.setFlags([ids[1]], 'add', ['\\Flagged']);
    view.forgetFlagChange(ids[1]);
    expect(view.takeUpdates(true).map((u) => (u.kind === 'flags' ? [u.seq, [...u.message.flags]] : u))).toEqual([
      [1, ['\\Seen']],
      [3, ['\\Seen']],
    ]);
    view.close();
  });

  it('stops listening when closed', () => {
    const { store } = storeWith(1);
    const view = new MailboxView(store, 'INBOX', CATCH_ALL);
    view.close();
    store.add(raw('late'), { mailFrom: '', rcptTo: ['r@example.com'] });
    expect(view.hasUpdates).toBe(false);
  });
});
