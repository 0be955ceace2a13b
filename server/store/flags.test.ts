import { describe, expect, it } from 'vitest';
import { loginFor } from './message.ts';
import { MessageStore } from './store.ts';

const raw = (subject: string) => Buffer.from(`From: a@example.com\r\nTo: b@example.com\r\nSubject: ${subject}\r\n\r\nhi\r\n`);
const envelope = { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] };

describe('flags in the store', () => {
  it('spells system flags as the RFC does and keywords as first given, whatever the case', () => {
    const store = new MessageStore({ maxMessages: 100, maxBytes: 1e7 });
    const m = store.add(raw('one'), envelope, { flags: ['$Label1', '\\seen'] });
    expect([...m.flags]).toEqual(['\\Seen', '$Label1']);
    store.setFlags([m.id], 'add', ['\\DELETED', '$label1', 'Work']);
    expect([...store.get(m.id)!.flags]).toEqual(['\\Deleted', '\\Seen', '$Label1', 'Work']);
    store.setFlags([m.id], 'remove', ['\\deleted', 'WORK']);
    expect([...store.get(m.id)!.flags]).toEqual(['\\Seen', '$Label1']);
    // Another message, another folder: still the store's one spelling.
    const other = store.add(raw('two'), envelope, { folder: 'Archive', flags: ['work', '$LABEL1'] });
    expect([...other.flags]).toEqual(['Work', '$Label1']);
    expect(store.setFlags([m.id], 'replace', []).changed).toHaveLength(1);
    expect(store.get(m.id)!.flags.size).toBe(0);
  });

  it('keeps every keyword a folder has carried, in the order first seen', () => {
    const store = new MessageStore({ maxMessages: 100, maxBytes: 1e7 });
    const m = store.add(raw('one'), envelope, { flags: ['b', '\\Seen'] });
    store.setFlags([m.id], 'add', ['a']);
    store.setFlags([m.id], 'replace', []);
    expect([...store.getFolder('INBOX')!.keywords]).toEqual(['b', 'a']);
    expect([...store.getFolder('Archive')!.keywords]).toEqual([]);
    store.copy([m.id], 'Archive');
    store.setFlags([m.id], 'add', ['c']);
    store.copy([m.id], 'Archive');
    expect([...store.getFolder('Archive')!.keywords]).toEqual(['c']);
  });

  it("counts UIDs per folder: UIDNEXT moves only when mail lands there, and the mail gets it", () => {
    const store = new MessageStore({ maxMessages: 100, maxBytes: 1e7 });
    const archive = store.getFolder('Archive')!;
    const inbox = store.getFolder('INBOX')!;
    const first = store.add(raw('one'), envelope);
    expect([first.id, first.uid]).toEqual([1, 1]);
    const predicted = store.uidNext(archive);
    expect(predicted).toBe(1);
    expect(store.uidNext(inbox)).toBe(2);
    store.add(raw('two'), envelope);
    expect(store.uidNext(archive)).toBe(predicted);
    expect(store.uidNext(inbox)).toBe(3);
    const [[, copyId]] = store.copy([1], 'Archive');
    const copy = store.get(copyId)!;
    expect([copy.id, copy.uid]).toEqual([3, predicted]);
    expect(store.uidNext(archive)).toBe(2);
    store.delete([copyId]);
    expect(store.uidNext(archive)).toBe(2);
    const third = store.add(raw('three'), envelope);
    expect([third.id, third.uid]).toEqual([4, 3]);
  });

  it('gives a folder made again under an old name a new UIDVALIDITY, and a renamed one its UID counter', () => {
    const store = new MessageStore({ maxMessages: 100, maxBytes: 1e7 });
    const before = store.createFolder('Work');
    store.add(raw('one'), envelope, { folder: 'Work' });
    store.deleteFolder('Work');
    const again = store.createFolder('Work');
    expect(again.uidValidity).not.toBe(before.uidValidity);
    expect(store.add(raw('two'), envelope, { folder: 'Work' }).uid).toBe(1);
    store.renameFolder('Work', 'Play');
    const renamed = store.getFolder('Play')!;
    expect(store.folderMessages('Play').map((m) => m.uid)).toEqual([1]);
    expect(store.add(raw('three'), envelope, { folder: 'Play' }).uid).toBe(2);
    expect(renamed.nextUid).toBe(3);
  });

  it("keeps an address login's UIDNEXT while mail only another login sees lands in the folder", () => {
    const store = new MessageStore({ maxMessages: 100, maxBytes: 1e7 });
    const inbox = store.getFolder('INBOX')!;
    const alice = loginFor('alice@example.com');
    const aliceNext = store.uidNext(inbox, alice);
    const catchAll = store.uidNext(inbox);
    store.add(raw('for bob'), { mailFrom: 'a@example.com', rcptTo: ['bob@example.com'] });
    expect(store.uidNext(inbox, alice)).toBe(aliceNext);
    expect(store.uidNext(inbox)).toBeGreaterThan(catchAll);
    store.add(raw('for alice'), { mailFrom: 'a@example.com', rcptTo: ['alice@example.com'] });
    expect(store.uidNext(inbox, alice)).toBeGreaterThan(aliceNext);
  });
});
