// fetchmail, a real IMAP downloader: it reads every message (headers, then the text with PEEK),
// marks them \Seen, and delivers them to an MDA command.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
/** fetchmail is a system package (apt-get install fetchmail); without it this file is skipped. */
const installed = !spawnSync('fetchmail', ['--version']).error;

describe.skipIf(!installed)('IMAP with fetchmail', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null });
    dir = mkdtempSync(join(tmpdir(), 'mailsandbox-fetchmail-'));
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the mail an address login owns and leaves it marked \\Seen', async () => {
    const mine = await sendMail(sandbox, { to: 'fm@example.com', subject: 'for fetchmail', text: 'hello fetchmail' });
    await sendMail(sandbox, { to: 'other@example.com', subject: 'not mine' });
    const out = join(dir, 'delivered.mbox');
    const rc = join(dir, 'fetchmailrc');
    writeFileSync(
      rc,
      `poll ${sandbox.imap!.host} protocol IMAP port ${sandbox.imap!.port} auth password user "fm@example.com" password "x" is "fm" here mda "cat >> ${out}" keep sslproto ''\n`,
    );
    chmodSync(rc, 0o600);
    await run('fetchmail', ['--nosyslog', '--nodetach', '-f', rc, '--idfile', join(dir, 'ids')], {
      env: { ...process.env, HOME: dir },
      timeout: 20_000,
    });
    const delivered = readFileSync(out, 'utf8');
    expect(delivered).toContain('Subject: for fetchmail');
    expect(delivered).toContain('hello fetchmail');
    expect(delivered).not.toContain('not mine');
    expect(sandbox.store.get(mine)!.flags.has('\\Seen')).toBe(true);
  });
});
