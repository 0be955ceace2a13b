import { describe, expect, it } from 'vitest';
import { MessageStore, type StoreEvent } from './index.ts';
import { loginFor } from './message.ts';
import { waitForMessage, WaitTimeoutError } from './wait.ts';

const mail = (subject: string, to = 'rcpt@example.com', body = 'hello', extraHeaders = '') =>
  Buffer.from(`From: Sender <sender@example.com>\r\nTo: ${to}\r\nSubject: ${subject}\r\n${extraHeaders}\r\n${body}\r\n`);

function storeWithEvents(limits = { maxMessages: 100, maxBytes: 10_000_000 }) {
  const store = new MessageStore(limits);
  const events: StoreEvent[] = [];
  store.subscribe((e) => events.push(e));
  return { store, events };
}

describe('MessageStore', () => {
  it('keeps total and unread of the store and of each folder right through every change, as a full walk counts them', () => {
    const { store } = storeWithEvents({ maxMessages: 6, maxBytes: 10_000_000 });
    const envelope = { mailFrom: 'sender@example.com', rcptTo: ['rcpt@example.com'] };
    const walked = (folder?: string) => {
      // Every message is rcpt@'s, so the mailbox filter takes the walking path and must agree.
      const all = store.list({ folder, mailbox: 'rcpt@example.com' });
      const messages = folder ? store.folderMessages(folder) : [...store.all()];
      expect({ total: all.total, unread: all.unread }).toEqual({ total: messages.length, unread: messages.filter((m) => !m.flags.has('\\Seen')).length });
      return { total: all.total, unread: all.unread };
    };
    const check = () => {
      for (const folder of [undefined, 'INBOX', 'Archive', 'Renamed']) {
        if (folder && !store.getFolder(folder)) continue;
        const expected = walked(folder);
        expect(store.counts(folder)).toEqual({ total: expected.total, unread: expected.unread });
        const page = store.list({ folder }, { limit: 2, offset: 1 });
        expect({ total: page.total, unread: page.unread }).toEqual({ total: expected.total, unread: expected.unread });
        const ids = store.list({ folder }).messages.map((m) => m.id);
        expect(page.messages.map((m) => m.id)).toEqual(ids.slice(1, 3));
        expect(ids).toEqual([...ids].sort((a, b) => b - a));
      }
    };
    const ids = [1, 2, 3, 4].map((i) => store.add(mail(`m${i}`), envelope, i === 4 ? { flags: ['\\Seen'] } : {}).id);
    check();
    store.setFlags([ids[0], ids[1]], 'add', ['\\Seen']);
    store.setFlags([ids[0]], 'add', ['\\Seen', 'tag']);
    check();
    store.setFlags([ids[3]], 'replace', ['\\Flagged']);
    check();
    store.move([ids[1], ids[2]], 'Archive');
    check();
    store.renameFolder('Archive', 'Renamed');
    check();
    for (let i = 0; i < 4; i++) store.add(mail(`late${i}`), envelope);
    check();
    store.delete([ids[3]]);
    check();
    store.clear();
    check();
    expect(store.list({}, { offset: 5, limit: 10 }).messages).toEqual([]);
  });

  it('gives every message a new id from one counter, keeps raw bytes and reads headers', () => {
    const { store, events } = storeWithEvents();
    const raw = mail('first');
    const a = store.add(raw, { mailFrom: 'sender@example.com', rcptTo: ['Rcpt@Example.com'] });
    const b = store.add(mail('second'), { mailFrom: 'sender@example.com', rcptTo: ['rcpt@example.com'] });
    expect([a.id, b.id]).toEqual([1, 2]);
    expect(a.content.raw).toBe(raw);
    expect(a.content.meta.subject).toBe('first');
    expect(a.content.meta.from).toEqual({ name: 'Sender', address: 'sender@example.com' });
    expect(a.owners).toEqual(['rcpt@example.com']);
    expect(a.folder).toBe('INBOX');
    expect(events.map((e) => e.type)).toEqual(['message.added', 'message.added']);
  });

  it('evicts the oldest past the count cap and says so in one event', () => {
    const { store, events } = storeWithEvents({ maxMessages: 2, maxBytes: 10_000_000 });
    for (const s of ['one', 'two', 'three']) store.add(mail(s), { mailFrom: '', rcptTo: ['r@example.com'] });
    expect(store.list().messages.map((m) => m.content.meta.subject)).toEqual(['three', 'two']);
    const evicted = events.filter((e) => e.type === 'message.evicted');
    expect(evicted).toHaveLength(1);
    expect(evicted[0].type === 'message.evicted' && evicted[0].messages.map((m) => m.id)).toEqual([1]);
  });

  it('evicts the oldest past the byte cap but never the message just added', () => {
    const big = 'x'.repeat(1000);
    const { store } = storeWithEvents({ maxMessages: 100, maxBytes: 2500 });
    for (const s of ['a', 'b', 'c']) store.add(mail(s, 'r@example.com', big), { mailFrom: '', rcptTo: ['r@example.com'] });
    expect(store.stats().bytes).toBeLessThanOrEqual(2500);
    expect(store.list().messages.map((m) => m.content.meta.subject)).toEqual(['c', 'b']);
    const huge = store.add(mail('huge', 'r@example.com', big.repeat(5)), { mailFrom: '', rcptTo: ['r@example.com'] });
    expect(store.list().messages.map((m) => m.id)).toEqual([huge.id]);
  });

  it('filters by login: an address sees its own mail (Bcc included), other logins see all', () => {
    const { store } = storeWithEvents();
    store.add(mail('to alice', 'alice@example.com'), { mailFrom: '', rcptTo: ['alice@example.com'] });
    store.add(mail('bcc bob', 'alice@example.com'), { mailFrom: '', rcptTo: ['alice@example.com', 'bob@example.com'] });
    store.add(mail('to carol', 'carol@example.com'), { mailFrom: '', rcptTo: ['carol@example.com'] });
    const subjects = (login: string) => store.folderMessages('INBOX', loginFor(login)).map((m) => m.content.meta.subject);
    expect(subjects('BOB@example.com')).toEqual(['bcc bob']);
    expect(subjects('alice@example.com')).toEqual(['to alice', 'bcc bob']);
    expect(subjects('anything')).toHaveLength(3);
    expect(store.list({ mailbox: 'carol@example.com' }).total).toBe(1);
    expect(store.mailboxes()).toEqual([
      { address: 'alice@example.com', total: 2, unread: 2 },
      { address: 'bob@example.com', total: 1, unread: 1 },
      { address: 'carol@example.com', total: 1, unread: 1 },
    ]);
  });

  it('searches from, to, subject and body case-insensitively', () => {
    const { store } = storeWithEvents();
    store.add(mail('Invoice 42', 'billing@example.com', 'Please PAY now'), { mailFrom: 'shop@example.com', rcptTo: ['billing@example.com'] });
    store.add(mail('Hello', 'friend@example.com', 'nothing here'), { mailFrom: 'pal@example.com', rcptTo: ['friend@example.com'] });
    const hits = (q: string) => store.list({ q }).messages.map((m) => m.content.meta.subject);
    expect(hits('invoice')).toEqual(['Invoice 42']);
    expect(hits('pay NOW')).toEqual(['Invoice 42']);
    expect(hits('FRIEND@')).toEqual(['Hello']);
    expect(hits('sender')).toHaveLength(2);
    expect(hits('absent')).toEqual([]);
  });

  it('keeps flags on the message, emits updates, honours CONDSTORE unchangedSince', () => {
    const { store, events } = storeWithEvents();
    const m = store.add(mail('flags'), { mailFrom: '', rcptTo: ['r@example.com'] });
    const before = m.modseq;
    expect(store.setFlags([m.id], 'add', ['\\Seen', '\\Flagged']).changed).toHaveLength(1);
    // Canonical order: system flags as IMAP lists them.
    expect([...store.get(m.id)!.flags]).toEqual(['\\Flagged', '\\Seen']);
    expect(store.get(m.id)!.modseq).toBeGreaterThan(before);
    expect(store.setFlags([m.id], 'add', ['\\Seen']).changed).toHaveLength(0);
    expect(store.setFlags([m.id], 'remove', ['\\Seen'], before).modified).toEqual([m.id]);
    expect(store.list({ unread: true }).total).toBe(0);
    expect(events.filter((e) => e.type === 'message.updated')).toHaveLength(1);
  });

  it('moves and copies with new ids, keeping owners, flags and content', () => {
    const { store, events } = storeWithEvents();
    const m = store.add(mail('move me'), { mailFrom: '', rcptTo: ['r@example.com'] });
    store.setFlags([m.id], 'add', ['\\Seen']);
    const [[, copyId]] = store.copy([m.id], 'Archive');
    const [[from, movedId]] = store.move([m.id], 'Trash');
    expect(from).toBe(m.id);
    expect(store.get(m.id)).toBeUndefined();
    for (const id of [copyId, movedId]) {
      const moved = store.get(id)!;
      expect(moved.content).toBe(m.content);
      expect(moved.owners).toEqual(['r@example.com']);
      expect(moved.flags.has('\\Seen')).toBe(true);
    }
    expect(store.get(movedId)!.folder).toBe('Trash');
    const deleted = events.find((e) => e.type === 'message.deleted');
    expect(deleted?.type === 'message.deleted' && deleted.reason).toBe('moved');
  });

  it('creates, renames and deletes folders; INBOX is protected', () => {
    const { store } = storeWithEvents();
    store.createFolder('Projects/2026');
    expect(store.getFolder('Projects')).toBeUndefined();
    expect(store.isLevel('Projects')).toBe(true);
    const m = store.add(mail('in project'), { mailFrom: '', rcptTo: ['r@example.com'] }, { folder: 'Projects/2026' });
    store.renameFolder('Projects', 'Work');
    expect(store.getFolder('Work/2026')!.messages.has(m.id)).toBe(true);
    expect(store.get(m.id)!.folder).toBe('Work/2026');
    expect(() => store.createFolder('Work/2026')).toThrow(/already exists/);
    expect(() => store.deleteFolder('inbox')).toThrow(/INBOX/);
    expect(store.isLevel('Work')).toBe(true);
    expect(() => store.deleteFolder('Work')).toThrow(/child folders/);
    store.deleteFolder('Work/2026');
    expect(store.get(m.id)).toBeUndefined();
    store.deleteFolder('Work');
    expect(store.isLevel('Work')).toBe(false);
  });
});

describe('waitForMessage', () => {
  it('returns a message already present, waits for a future one, times out', async () => {
    const { store } = storeWithEvents();
    store.add(mail('welcome', 'new@example.com'), { mailFrom: '', rcptTo: ['new@example.com'] });
    await expect(waitForMessage(store, { to: 'new@example.com' })).resolves.toMatchObject({ id: 1 });
    const later = waitForMessage(store, { subject: 'reset', to: 'new@' }, { timeout: 5000 });
    store.add(mail('other'), { mailFrom: '', rcptTo: ['new@example.com'] });
    store.add(mail('Password reset', 'new@example.com'), { mailFrom: '', rcptTo: ['new@example.com'] });
    await expect(later).resolves.toMatchObject({ id: 3 });
    await expect(waitForMessage(store, { subject: 'never' }, { timeout: 20 })).rejects.toBeInstanceOf(WaitTimeoutError);
  });
});
