// POP3 with curl, the client scripts and CI jobs reach for: pop3://host:port/ lists, /<n> retrieves.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);

async function curl(sandbox: Sandbox, path: string, user: string, ...extra: string[]): Promise<Buffer> {
  const { stdout } = await run('curl', ['--silent', '--show-error', '--max-time', '10', '--user', `${user}:secret`, ...extra, `pop3://127.0.0.1:${sandbox.pop3!.port}${path}`], {
    encoding: 'buffer',
  });
  return stdout;
}

describe('POP3 with curl', () => {
  let sandbox: Sandbox;
  const ids: number[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ imapPort: null });
    ids.push(await sendMail(sandbox, { to: 'dev@example.com', subject: 'curl one', text: 'first\n.hidden dot line\n' }));
    ids.push(await sendMail(sandbox, { to: 'ops@example.com', subject: 'curl two', text: 'second' }));
  });
  afterAll(() => sandbox.close());

  it('lists the maildrop of the login', async () => {
    const all = sandbox.store.folderMessages('INBOX');
    expect((await curl(sandbox, '/', 'anyone')).toString()).toBe(all.map((m, i) => `${i + 1} ${m.size}\r\n`).join(''));
    expect((await curl(sandbox, '/', 'ops@example.com')).toString()).toBe(`1 ${sandbox.store.get(ids[1])!.size}\r\n`);
  });

  it('retrieves a message with the exact stored bytes, dot-stuffing undone', async () => {
    const body = await curl(sandbox, '/1', 'anyone');
    expect(body.equals(sandbox.store.get(ids[0])!.content.raw)).toBe(true);
    expect(body.toString()).toContain('\r\n.hidden dot line\r\n');
  });

  it('runs UIDL and TOP as custom requests', async () => {
    expect((await curl(sandbox, '/', 'anyone', '--request', 'UIDL')).toString()).toBe(`1 ${ids[0]}\r\n2 ${ids[1]}\r\n`);
    const top = (await curl(sandbox, '/', 'anyone', '--request', 'TOP 2 0')).toString();
    expect(top).toMatch(/^[\s\S]*Subject: curl two\r\n[\s\S]*\r\n\r\n$/);
    expect(top).not.toContain('second');
  });

  it("fails with the server's -ERR for a message that is not there", async () => {
    const failure = (await curl(sandbox, '/9', 'anyone', '--verbose').catch((error: unknown) => error)) as { code: number; stderr: Buffer };
    expect(failure.code).toBe(8);
    expect(failure.stderr.toString()).toContain('-ERR no message 9');
  });
});
