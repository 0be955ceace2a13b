import { describe, expect, it } from 'vitest';
import type { SelectedContext } from '../imap/context.ts';
import type { SessionContext } from '../pop3/commands/command.ts';
import { loginFor } from './message.ts';
import { MessageStore } from './store.ts';

const mail = (subject: string) => Buffer.from(`Subject: ${subject}\r\n\r\nbody\r\n`);

function storeWith(...mails: Array<[subject: string, owners: string[]]>) {
  const store = new MessageStore({ maxMessages: 100, maxBytes: 1_000_000 });
  for (const [subject, owners] of mails) store.add(mail(subject), { mailFrom: '', rcptTo: owners });
  return store;
}

const subjects = (store: MessageStore, folder: string) => store.folderMessages(folder).map((m) => m.content.meta.subject);

describe('LoginStore', () => {
  it('an address login lets go of shared mail instead of deleting it', () => {
    const store = storeWith(['mine', ['a@x']], ['shared', ['a@x', 'b@x']], ['theirs', ['b@x']]);
    const alice = store.forLogin(loginFor('a@x'));
    alice.delete(store.folderMessages('INBOX').map((m) => m.id));
    expect(subjects(store, 'INBOX')).toEqual(['shared', 'theirs']);
    expect(store.folderMessages('INBOX').map((m) => m.owners)).toEqual([['b@x'], ['b@x']]);
  });

  it('renames its own folder with children, leaving other owners under the old names', () => {
    const store = storeWith(['a', ['a@x']], ['b', ['b@x']]);
    const alice = store.forLogin(loginFor('a@x'));
    const bob = store.forLogin(loginFor('b@x'));
    alice.createFolder('Work/2026');
    bob.createFolder('Work/2026');
    alice.move([1], 'Work/2026');
    bob.move([2], 'Work/2026');
    alice.renameFolder('Work', 'Old');
    expect(alice.hierarchy().map((e) => [e.name, e.folder !== null])).toEqual(expect.arrayContaining([['Old', false], ['Old/2026', true]]));
    expect(alice.folders().map((f) => f.name)).not.toContain('Work/2026');
    expect(subjects(store, 'Old/2026')).toEqual(['a']);
    expect(subjects(store, 'Work/2026')).toEqual(['b']);
  });

  it("creating a name another login uses claims it without revealing the other's mail", () => {
    const store = storeWith(['b', ['b@x']]);
    const bob = store.forLogin(loginFor('b@x'));
    bob.createFolder('Shared');
    bob.move([1], 'Shared');
    const alice = store.forLogin(loginFor('a@x'));
    expect(alice.folder('Shared')).toBeUndefined();
    alice.createFolder('Shared');
    expect(alice.folderMessages(alice.folder('Shared')!)).toEqual([]);
    expect(() => alice.createFolder('Shared')).toThrow(/already exists/);
    alice.deleteFolder('Shared');
    expect(subjects(store, 'Shared')).toEqual(['b']);
  });

  it('drops a folder nobody uses once its last user deletes it', () => {
    const store = storeWith();
    const alice = store.forLogin(loginFor('a@x'));
    alice.createFolder('Tmp');
    alice.deleteFolder('Tmp');
    expect(store.getFolder('Tmp')).toBeUndefined();
    alice.createFolder('Work/2026');
    alice.deleteFolder('Work/2026');
    expect(store.getFolder('Work/2026')).toBeUndefined();
    // Its parent stays a level until deleted, as in Dovecot (RFC 3501 6.3.4's example).
    expect(alice.hierarchy().find((e) => e.name === 'Work')).toEqual({ name: 'Work', folder: null });
    alice.deleteFolder('Work');
    expect(store.isLevel('Work')).toBe(false);
  });

  it("keeps a subscription past DELETE without letting another login's folder of that name show through", () => {
    const store = storeWith(['b', ['b@x']]);
    const alice = store.forLogin(loginFor('a@x'));
    const bob = store.forLogin(loginFor('b@x'));
    alice.createFolder('Reports');
    alice.setSubscribed('Reports', true);
    alice.deleteFolder('Reports');
    bob.createFolder('Reports');
    bob.move([1], 'Reports');
    expect(alice.subscribedNames()).toContain('Reports');
    expect(alice.hierarchy().map((e) => e.name)).not.toContain('Reports');
    expect(alice.folder('Reports')).toBeUndefined();
    alice.setSubscribed('Reports', false);
    expect(alice.subscribedNames()).not.toContain('Reports');
    expect(() => alice.setSubscribed('Reports', true)).toThrow(/no folder/);
  });

  it('is the only store IMAP and POP3 commands can reach (checked by tsc)', () => {
    const imapStore = (ctx: SelectedContext) => {
      // @ts-expect-error: an IMAP command's deps carry no MessageStore
      void ctx.deps.store;
      return ctx.store.login;
    };
    const pop3Store = (session: SessionContext) => {
      // @ts-expect-error: neither do a POP3 command's
      void session.deps.store;
      return session.maildrop;
    };
    expect([typeof imapStore, typeof pop3Store]).toEqual(['function', 'function']);
  });
});
