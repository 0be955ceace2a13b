// The core IMAP flow with Python's imaplib (literals for APPEND and in FETCH replies, CHARSET search).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./clients/imaplib_flow.py', import.meta.url));

describe('IMAP with Python imaplib', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null });
  });
  afterAll(() => sandbox.close());

  it('logs in, lists, appends, selects, searches, fetches, stores, copies and expunges', async () => {
    await sendMail(sandbox, { subject: 'by smtp', text: 'smtp body' });
    const { stdout } = await run('python3', [script, sandbox.imap!.host, String(sandbox.imap!.port), 'py@example.com'], { timeout: 20_000 });
    const out = JSON.parse(stdout);
    expect(out.capabilities).toContain('IMAP4REV1');
    expect(out.login).toBe('OK');
    expect(out.list).toContain('(\\HasNoChildren \\Trash) "/" "Trash"');
    expect(out.append[0]).toBe('OK');
    expect(out.append[1]).toMatch(/^\[APPENDUID \d+ \d+\]/);
    // The address login sees only what it owns: its APPEND, not the SMTP mail to rcpt@example.com.
    expect(out.select).toEqual(['OK', '1']);
    // This is the first session to see the appended message, so it is \Recent (and unseen: NEW) here.
    expect(out.recent).toEqual(['1']);
    expect(out.search_new).toBe('1');
    expect(out.search).toBe('1');
    expect(out.search_charset).toBe('1');
    expect(out.fetch_text).toBe('line one\r\nline two\r\n');
    expect(out.fetch_all.join('')).toContain('Subject: from python');
    expect(out.flags_after_fetch).toMatch(/\\Seen/);
    expect(out.store).toMatch(/FLAGS \(.*\\Deleted.*\)/);
    expect(out.copy).toBe('OK');
    expect(out.expunge).toEqual(['1']);
    expect(out.status).toMatch(/"Trash" \(MESSAGES 1 UIDNEXT \d+\)/);
    expect(out.logout).toBe('BYE');
    const trash = sandbox.store.folderMessages('Trash');
    expect(trash.map((m) => m.owners)).toEqual([['py@example.com']]);
    expect(trash[0].receivedAt.getTime()).toBe(1700000000 * 1000);
  });
});
