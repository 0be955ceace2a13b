// IMAP with curl's imap:// URLs: list, fetch by UID, search and a custom command.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);

describe('IMAP with curl', () => {
  let sandbox: Sandbox;
  let base: string;
  let first: number;
  const curl = async (url: string, ...extra: string[]) =>
    (await run('curl', ['--silent', '--show-error', '--max-time', '10', '--user', 'curl@example.com:secret', ...extra, base + url])).stdout;

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null });
    base = `imap://${sandbox.imap!.host}:${sandbox.imap!.port}`;
    first = await sendMail(sandbox, { to: 'curl@example.com', subject: 'first for curl', text: 'curl body one' });
    await sendMail(sandbox, { to: 'curl@example.com', subject: 'second for curl', text: 'curl body two' });
    await sendMail(sandbox, { to: 'other@example.com', subject: 'not for curl' });
  });
  afterAll(() => sandbox.close());

  it('lists the folders', async () => {
    const out = await curl('/');
    expect(out).toContain('* LIST (\\HasNoChildren) "/" "INBOX"');
    expect(out).toContain('\\Archive) "/" "Archive"');
  });

  it('fetches a message by UID', async () => {
    const out = await curl(`/INBOX;UID=${first}`);
    expect(out).toContain('Subject: first for curl');
    expect(out).toContain('curl body one');
  });

  it('searches, seeing only the login\'s own mail', async () => {
    expect(await curl('/INBOX?SUBJECT%20curl')).toContain('* SEARCH 1 2');
    expect(await curl('/INBOX?ALL')).toMatch(/\* SEARCH 1 2\r?\n/);
  });

  it('runs a custom command', async () => {
    const out = await curl('/INBOX', '--request', 'FETCH 1:* (FLAGS)');
    expect(out).toMatch(/\* 1 FETCH \(FLAGS \(.*\)\)/);
    expect(out).toMatch(/\* 2 FETCH/);
  });
});
