// ESORT, SEARCHRES and PREVIEW driven by Python's imaplib, a client that sends what a program asks
// and reads back the untagged data: the extensions as a scripted client meets them.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./clients/imaplib_search_extensions.py', import.meta.url));

describe('ESORT, SEARCHRES and PREVIEW with Python imaplib', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null, smtpPort: null });
  });
  afterAll(() => sandbox.close());

  it('sorts into ESEARCH, saves a search as $, uses $ in FETCH, STORE and SEARCH, and fetches previews', async () => {
    const { stdout } = await run('python3', [script, sandbox.imap!.host, String(sandbox.imap!.port), 'py@example.com'], { timeout: 20_000 });
    const out = JSON.parse(stdout);
    expect(out.capabilities).toEqual(expect.arrayContaining(['ESORT', 'SEARCHRES', 'PREVIEW']));
    const ids = sandbox.store.folderMessages('INBOX').map((m) => m.id);
    // Subjects Charlie, alpha, Bravo: sorted 2, 3, 1.
    expect(out.esort).toMatch(/^\(TAG "\w+"\) MIN 2 MAX 1 ALL 2:3,1 COUNT 3$/);
    expect(out.uid_esort).toMatch(new RegExp(`^\\(TAG "\\w+"\\) UID ALL ${ids[0]},${ids[2]},${ids[1]}$`));
    // SAVE alone answers with no SEARCH or ESEARCH line.
    expect(out.save).toEqual(['OK', [null]]);
    expect(out.fetch_saved).toEqual([`2 (UID ${ids[1]} FLAGS (\\Recent))`, `3 (UID ${ids[2]} FLAGS (\\Recent))`]);
    expect(out.store_saved).toEqual(['2 (FLAGS (\\Flagged \\Recent))', '3 (FLAGS (\\Flagged \\Recent))']);
    expect(out.search_saved).toBe('1');
    expect(sandbox.store.folderMessages('INBOX').map((m) => m.flags.has('\\Flagged'))).toEqual([false, true, true]);
    expect(out.preview).toEqual(['1 (PREVIEW "third in line")', '2 (PREVIEW "first reply")', '3 (PREVIEW "middle one")']);
    expect(out.preview_lazy).toEqual(ids.map((id, i) => `${i + 1} (UID ${id} PREVIEW "${['third in line', 'first reply', 'middle one'][i]}")`));
  });
});
