// mbsync (isync), a real two-way IMAP synchronizer, against a Maildir: what it pulls, and what it
// pushes back (flags, deletions, new mail, a new folder), is what the store, and so the REST API and
// the UI, then hold. This is the lesson IMAP teaches: the server keeps the mail, clients sync to it.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
/** mbsync is a system package (apt-get install isync); without it this file is skipped. */
const installed = !spawnSync('mbsync', ['--version']).error;

/** Maildir file names end in `:2,<flags>`; mbsync adds `,U=<uid>` before that. */
const flagsOf = (file: string) => file.slice(file.indexOf(':2,') + 3);
const uidOf = (file: string) => Number(/,U=(\d+)/.exec(file)?.[1]);

describe.skipIf(!installed)('IMAP with mbsync', () => {
  let sandbox: Sandbox;
  let dir: string;
  let maildir: string;
  let rc: string;
  const sync = () => run('mbsync', ['-c', rc, '-a'], { env: { ...process.env, HOME: dir }, timeout: 30_000 });
  /** Every message file of a local folder (new/ and cur/), by UID. */
  const files = (folder: string) =>
    new Map(
      ['new', 'cur'].flatMap((sub) => readdirSync(join(maildir, folder, sub)).map((name): [number, string] => [uidOf(name), join(maildir, folder, sub, name)])),
    );

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null });
    dir = mkdtempSync(join(tmpdir(), 'mailsandbox-mbsync-'));
    maildir = join(dir, 'mail');
    mkdirSync(maildir);
    rc = join(dir, 'mbsyncrc');
    // isync 1.4 (Debian 12) spells TLSType as SSLType.
    writeFileSync(
      rc,
      [
        'IMAPAccount sandbox',
        `Host ${sandbox.imap!.host}`,
        `Port ${sandbox.imap!.port}`,
        'User qa@example.com',
        'Pass anything',
        'SSLType None',
        'AuthMechs LOGIN',
        '',
        'IMAPStore remote',
        'Account sandbox',
        '',
        'MaildirStore local',
        `Path ${maildir}/`,
        `Inbox ${maildir}/INBOX`,
        'SubFolders Verbatim',
        '',
        'Channel sandbox',
        'Far :remote:',
        'Near :local:',
        'Patterns *',
        'Create Both',
        'Expunge Both',
        'SyncState *',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls the mail, then pushes back flags, a deletion, new mail and a new folder, and pulls flags set in the API', async () => {
    const ids = [];
    for (const subject of ['keep and read', 'delete me', 'flag me in the API']) ids.push(await sendMail(sandbox, { to: 'qa@example.com', subject }));
    await sendMail(sandbox, { to: 'someone-else@example.com', subject: 'not for qa' });

    await sync();
    const pulled = files('INBOX');
    expect([...pulled.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect(readFileSync(pulled.get(ids[0])!, 'utf8')).toContain('Subject: keep and read');
    expect(readdirSync(maildir).sort()).toEqual(['Archive', 'Drafts', 'INBOX', 'Junk', 'Sent', 'Trash']);

    // Locally: read one (S), trash one (T, expunged by the sync), write a new one, make a folder.
    const read = pulled.get(ids[0])!;
    renameSync(read, join(maildir, 'INBOX', 'cur', read.split('/').pop()!.replace(/:2,.*$/, ':2,S')));
    const trashed = pulled.get(ids[1])!;
    renameSync(trashed, join(maildir, 'INBOX', 'cur', trashed.split('/').pop()!.replace(/:2,.*$/, ':2,T')));
    writeFileSync(join(maildir, 'INBOX', 'new', 'local-1.host'), 'From: qa@example.com\r\nSubject: written offline\r\n\r\nfrom the maildir\r\n');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, 'Projects', sub), { recursive: true });
    writeFileSync(join(maildir, 'Projects', 'new', 'local-2.host'), 'From: qa@example.com\r\nSubject: filed\r\n\r\nin a folder\r\n');
    // On the server, through the REST API (as the UI does): flag the third.
    expect((await api(sandbox, `/api/v1/messages/${ids[2]}`, { method: 'PATCH', body: JSON.stringify({ flagged: true }), headers: { 'content-type': 'application/json' } })).status).toBe(200);

    await sync();
    expect([...sandbox.store.get(ids[0])!.flags]).toEqual(['\\Seen']);
    expect(sandbox.store.get(ids[1])).toBeUndefined();
    const inbox = sandbox.store.folderMessages('INBOX', { user: 'qa@example.com', address: 'qa@example.com' });
    expect(inbox.map((m) => m.content.meta.subject)).toEqual(['keep and read', 'flag me in the API', 'written offline']);
    expect(sandbox.store.folderMessages('Projects').map((m) => m.content.meta.subject)).toEqual(['filed']);
    expect(flagsOf(files('INBOX').get(ids[2])!)).toBe('F');
    expect(files('INBOX').has(ids[1])).toBe(false);
  });
});
