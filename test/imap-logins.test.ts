// Per-login safety with real clients (Python imaplib): an address login acts as its own account.
// It never deletes, moves or lists another login's mail or private folders; the catch-all still can.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { imaplib, type ImaplibStep } from './clients/imaplib-logins.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function open(): Promise<{ sandbox: Sandbox; server: { host: string; port: number } }> {
  sandbox = await startSandbox({ pop3Port: null, httpPort: null });
  return { sandbox, server: sandbox.imap! };
}

const subjectsIn = (sandbox: Sandbox, folder: string) => sandbox.store.folderMessages(folder).map((m) => m.content.meta.subject);
const listed = (lines: Array<string | string[]> | undefined) => (lines ?? []).map((line) => String(line).replace(/^.*"\/" /, '').replace(/"/g, ''));

describe('IMAP per-login safety, with imaplib', () => {
  it("DELETE Archive by alice leaves bob's message that he moved there", async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: BOB, subject: 'for bob' });
    await sendMail(sandbox, { to: ALICE, subject: 'for alice' });
    const [moveSelect, move, aliceDelete, bobArchive, aliceArchive] = await imaplib(server, [
      [BOB, 'select', 'INBOX'],
      [BOB, 'uid', 'MOVE', '1:*', 'Archive'],
      [ALICE, 'delete', 'Archive'],
      [BOB, 'select', 'Archive'],
      [ALICE, 'select', 'Archive'],
    ]);
    expect(moveSelect).toEqual({ typ: 'OK', data: ['1'] });
    expect(move.typ).toBe('OK');
    expect(aliceDelete.typ).toBe('OK');
    expect(bobArchive).toEqual({ typ: 'OK', data: ['1'] });
    expect(aliceArchive).toEqual({ typ: 'OK', data: ['0'] });
    expect(subjectsIn(sandbox, 'Archive')).toEqual(['for bob']);
    expect(subjectsIn(sandbox, 'INBOX')).toEqual(['for alice']);
  });

  it('RENAME INBOX Taken by alice moves only her mail (RFC 3501 6.3.5)', async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: ALICE, subject: 'alice one' });
    await sendMail(sandbox, { to: BOB, subject: 'bob one' });
    await sendMail(sandbox, { to: ALICE, subject: 'alice two' });
    const [rename, aliceInbox, aliceTaken, bobInbox, bobTaken, bobList] = await imaplib(server, [
      [ALICE, 'rename', 'INBOX', 'Taken'],
      [ALICE, 'select', 'INBOX'],
      [ALICE, 'select', 'Taken'],
      [BOB, 'select', 'INBOX'],
      [BOB, 'select', 'Taken'],
      [BOB, 'list', '""', '*'],
    ]);
    expect(rename.typ).toBe('OK');
    expect(aliceInbox).toEqual({ typ: 'OK', data: ['0'] });
    expect(aliceTaken).toEqual({ typ: 'OK', data: ['2'] });
    expect(bobInbox).toEqual({ typ: 'OK', data: ['1'] });
    expect(bobTaken.typ).toBe('NO');
    expect(listed(bobList.data)).not.toContain('Taken');
    expect(subjectsIn(sandbox, 'INBOX')).toEqual(['bob one']);
    expect(subjectsIn(sandbox, 'Taken')).toEqual(['alice one', 'alice two']);
  });

  it("RENAME of a folder two logins use moves only the renaming login's mail", async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: ALICE, subject: 'alice' });
    await sendMail(sandbox, { to: BOB, subject: 'bob' });
    const results = await imaplib(server, [
      [ALICE, 'create', 'Projects'],
      [BOB, 'create', 'Projects'],
      [ALICE, 'select', 'INBOX'],
      [ALICE, 'uid', 'MOVE', '1:*', 'Projects'],
      [BOB, 'select', 'INBOX'],
      [BOB, 'uid', 'MOVE', '1:*', 'Projects'],
      [ALICE, 'rename', 'Projects', 'Done'],
      [BOB, 'select', 'Projects'],
      [ALICE, 'list', '""', '*'],
    ]);
    expect(results.slice(0, 7).map((r) => r.typ)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
    expect(results[7]).toEqual({ typ: 'OK', data: ['1'] });
    expect(listed(results[8].data)).toContain('Done');
    expect(listed(results[8].data)).not.toContain('Projects');
    expect(subjectsIn(sandbox, 'Projects')).toEqual(['bob']);
    expect(subjectsIn(sandbox, 'Done')).toEqual(['alice']);
  });

  it("LIST shows an address login the special folders and its own, never another login's private folders", async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: ALICE, subject: 'alice' });
    const [create, , , , aliceList, bobList, aliceSelect, aliceStatus, aliceLsub, adminList, subscribe, bobLsub] = await imaplib(server, [
      [BOB, 'create', 'Bob/Private'],
      // A created folder is not subscribed (as in Dovecot) until its login subscribes it.
      [BOB, 'subscribe', 'Bob/Private'],
      [ALICE, 'create', 'Receipts'],
      [ALICE, 'unsubscribe', 'Receipts'],
      [ALICE, 'list', '""', '*'],
      [BOB, 'list', '""', '*'],
      [ALICE, 'select', 'Bob/Private'],
      [ALICE, 'status', 'Bob/Private', '(MESSAGES)'],
      [ALICE, 'lsub', '""', '*'],
      ['admin', 'list', '""', '*'],
      [ALICE, 'subscribe', 'Bob/Private'],
      [BOB, 'lsub', '""', '*'],
    ]);
    expect(create.typ).toBe('OK');
    const specials = ['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive'];
    expect(listed(aliceList.data)).toEqual([...specials, 'Receipts']);
    expect(listed(bobList.data)).toEqual([...specials, 'Bob', 'Bob/Private']);
    expect(aliceSelect.typ).toBe('NO');
    expect(aliceStatus.typ).toBe('NO');
    // Subscriptions are per login: alice's UNSUBSCRIBE took Receipts out of her LSUB only.
    expect(listed(aliceLsub.data)).toEqual(specials);
    expect(listed(adminList.data)).toEqual([...specials, 'Bob', 'Bob/Private', 'Receipts']);
    // A folder alice cannot see answers as if it did not exist.
    expect(subscribe.typ).toBe('NO');
    expect(listed(bobLsub.data)).toEqual([...specials, 'Bob/Private']);
  });

  it("no LIST-EXTENDED option, CHILDINFO or LSUB tells alice of a child folder only bob has", async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: BOB, subject: 'for bob' });
    const steps: ImaplibStep[] = [
      [ALICE, 'create', 'Projects'],
      [BOB, 'create', 'Projects/Secret'],
      [BOB, 'subscribe', 'Projects/Secret'],
      [BOB, 'select', 'INBOX'],
      [BOB, 'uid', 'MOVE', '1:*', 'Projects/Secret'],
      // bob's own folder with his mail, under which alice then creates hers.
      [BOB, 'create', 'Bob'],
      [BOB, 'subscribe', 'Bob'],
      [ALICE, 'create', 'Bob/Mine'],
    ];
    const asAlice: Array<[string, string]> = [
      ['(SUBSCRIBED RECURSIVEMATCH) ""', '%'],
      ['(SUBSCRIBED RECURSIVEMATCH) ""', 'Projects'],
      ['(SUBSCRIBED) ""', '*'],
      ['(SPECIAL-USE RECURSIVEMATCH) ""', '*'],
      ['(REMOTE) ""', '*'],
      ['""', '* RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (MESSAGES))'],
      ['""', '("Projects/*" "*Secret*" "%")'],
      ['""', '% RETURN (CHILDREN)'],
    ];
    const results = await imaplib(server, [
      ...steps,
      ...asAlice.map(([reference, pattern]): ImaplibStep => [ALICE, 'list', reference, pattern]),
      [ALICE, 'lsub', '""', '%'],
      [ALICE, 'lsub', '""', '*'],
      [ALICE, 'select', 'Bob'],
      [ALICE, 'delete', 'Bob'],
      [ALICE, 'select', 'Projects/Secret'],
      [ALICE, 'delete', 'Projects'],
      [ALICE, 'list', '""', '*'],
      [BOB, 'list', '(SUBSCRIBED RECURSIVEMATCH) ""', '% RETURN (CHILDREN)'],
      [BOB, 'select', 'Projects/Secret'],
      ['admin', 'list', '""', '*'],
    ]);
    expect(results.slice(0, steps.length).map((r) => r.typ)).toEqual(steps.map(() => 'OK'));
    const [lists, after] = [results.slice(steps.length, steps.length + asAlice.length), results.slice(steps.length + asAlice.length)];
    const [lsubPercent, lsubAll, selectBob, deleteBob, selectSecret, deleteProjects, aliceAfter, bobRecursive, bobSecret, adminList] = after;
    for (const reply of [...lists, lsubPercent, lsubAll]) {
      expect(reply.typ).toBe('OK');
      expect(JSON.stringify(reply.data)).not.toMatch(/Secret|CHILDINFO/);
    }
    // Projects is alice's folder without children for her; bob's folder Bob is only a level above hers.
    expect(lists[7].data).toEqual(expect.arrayContaining(['(\\HasNoChildren) "/" "Projects"', '(\\Noselect \\HasChildren) "/" "Bob"']));
    expect(listed(lists[2].data)).not.toContain('Bob');
    expect(listed(lsubAll.data)).not.toContain('Bob');
    expect([selectBob.typ, deleteBob.typ, selectSecret.typ, deleteProjects.typ]).toEqual(['NO', 'NO', 'NO', 'OK']);
    expect(listed(aliceAfter.data)).toEqual(['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive', 'Bob', 'Bob/Mine']);
    // bob's view is his own: Projects, which alice made and deleted, is a level above his folder,
    // and alice's Bob/Mine is no child of his Bob.
    expect(bobRecursive.data).toEqual(
      expect.arrayContaining(['(\\HasChildren) "/" "Projects" (CHILDINFO ("SUBSCRIBED"))', '(\\Subscribed \\HasNoChildren) "/" "Bob"']),
    );
    expect(bobSecret).toEqual({ typ: 'OK', data: ['1'] });
    expect(listed(adminList.data)).toEqual(expect.arrayContaining(['Projects', 'Projects/Secret', 'Bob', 'Bob/Mine']));
    expect(subjectsIn(sandbox, 'Projects/Secret')).toEqual(['for bob']);
  });

  it("alice's subscription outlives her DELETE as \\NonExistent, even once bob has a folder of that name", async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: BOB, subject: 'for bob' });
    const results = await imaplib(server, [
      [ALICE, 'create', 'Reports'],
      [ALICE, 'subscribe', 'Reports'],
      [ALICE, 'delete', 'Reports'],
      [BOB, 'create', 'Reports'],
      [BOB, 'select', 'INBOX'],
      [BOB, 'uid', 'MOVE', '1:*', 'Reports'],
      [ALICE, 'list', '(SUBSCRIBED) ""', 'Reports RETURN (CHILDREN STATUS (MESSAGES))'],
      [ALICE, 'lsub', '""', 'Reports'],
      [ALICE, 'status', 'Reports', '(MESSAGES)'],
      [ALICE, 'unsubscribe', 'Reports'],
      [ALICE, 'list', '(SUBSCRIBED) ""', 'Reports'],
    ]);
    expect(results.slice(0, 6).map((r) => r.typ)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
    expect(results[6]).toEqual({ typ: 'OK', data: ['(\\Subscribed \\NonExistent \\HasNoChildren) "/" "Reports"'] });
    expect(results[7]).toEqual({ typ: 'OK', data: ['() "/" "Reports"'] });
    expect(results[8].typ).toBe('NO');
    expect(results[9].typ).toBe('OK');
    expect(results[10].data).toEqual([]);
    expect(subjectsIn(sandbox, 'Reports')).toEqual(['for bob']);
  });

  it('a message two logins own stays for one when the other expunges it; its flags are shared', async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: [ALICE, BOB], subject: 'for both' });
    const results = await imaplib(server, [
      [ALICE, 'select', 'INBOX'],
      [ALICE, 'store', '1', '+FLAGS', '(\\Deleted)'],
      [ALICE, 'expunge'],
      [ALICE, 'select', 'INBOX'],
      [BOB, 'select', 'INBOX'],
      [BOB, 'fetch', '1', '(FLAGS)'],
    ]);
    expect(results[2]).toEqual({ typ: 'OK', data: ['1'] });
    expect(results[3]).toEqual({ typ: 'OK', data: ['0'] });
    expect(results[4]).toEqual({ typ: 'OK', data: ['1'] });
    expect(String(results[5].data)).toContain('\\Deleted');
    expect(sandbox.store.folderMessages('INBOX').map((m) => m.owners)).toEqual([[BOB]]);
  });

  it("an address login is told only the keywords of its own mail, never another login's", async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: BOB, subject: 'for bob' });
    await sendMail(sandbox, { to: ALICE, subject: 'for alice' });
    const results = await imaplib(server, [
      [BOB, 'select', 'INBOX'],
      [BOB, 'store', '1', '+FLAGS', '($BobsLabel)'],
      [ALICE, 'select', 'INBOX'],
      [ALICE, 'response', 'FLAGS'],
      [ALICE, 'store', '1', '+FLAGS', '($AlicesLabel)'],
      ['admin', 'select', 'INBOX'],
      ['admin', 'response', 'FLAGS'],
    ]);
    expect(results[1].typ).toBe('OK');
    expect(String(results[3].data)).not.toContain('$BobsLabel');
    expect(String(results[4].data)).toContain('$AlicesLabel');
    expect(String(results[6].data)).toContain('$BobsLabel');
    expect(String(results[6].data)).toContain('$AlicesLabel');
  });

  it('COPY by an address login gives the copy to that login only', async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: [ALICE, BOB], subject: 'for both' });
    const results = await imaplib(server, [
      [ALICE, 'select', 'INBOX'],
      [ALICE, 'copy', '1', 'Archive'],
      [BOB, 'select', 'Archive'],
      [ALICE, 'select', 'Archive'],
    ]);
    expect(results.map((r) => r.typ)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(results[2].data).toEqual(['0']);
    expect(results[3].data).toEqual(['1']);
    expect(sandbox.store.folderMessages('Archive').map((m) => m.owners)).toEqual([[ALICE]]);
  });

  it('the catch-all login still sees and deletes everything', async () => {
    const { sandbox, server } = await open();
    await sendMail(sandbox, { to: ALICE, subject: 'alice' });
    await sendMail(sandbox, { to: BOB, subject: 'bob' });
    const results = await imaplib(server, [
      ['admin', 'select', 'INBOX'],
      ['admin', 'uid', 'MOVE', '1:*', 'Archive'],
      ['admin', 'delete', 'Archive'],
    ]);
    expect(results.map((r) => r.typ)).toEqual(['OK', 'OK', 'OK']);
    expect(results[0].data).toEqual(['2']);
    expect(sandbox.store.stats().messages).toBe(0);
  });
});
