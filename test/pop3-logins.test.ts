// Per-login safety over POP3 with Python poplib: an address login's maildrop holds only its own mail,
// and its DELE + QUIT removes only that, even from a message it shares with another login.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { poplib } from './clients/pop3-poplib.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('POP3 per-login safety, with poplib', () => {
  it("alice's DELE + QUIT of her whole maildrop leaves bob's mail, shared mail included", async () => {
    sandbox = await startSandbox({ imapPort: null, httpPort: null });
    const port = sandbox.pop3!.port;
    await sendMail(sandbox, { to: ALICE, subject: 'alice only' });
    await sendMail(sandbox, { to: BOB, subject: 'bob only' });
    await sendMail(sandbox, { to: [ALICE, BOB], subject: 'for both' });

    const alice = await poplib(port, [['user', ALICE], ['pass', 'x'], ['stat'], ['dele', 1], ['dele', 2], ['quit']]);
    expect(alice.results[2]).toMatchObject({ count: 2 });
    expect(alice.results[5].status).toMatch(/^\+OK .*2 deleted/);

    const bob = await poplib(port, [['user', BOB], ['pass', 'x'], ['stat'], ['quit']]);
    expect(bob.results[2]).toMatchObject({ count: 2 });
    const left = sandbox.store.folderMessages('INBOX');
    expect(left.map((m) => m.content.meta.subject)).toEqual(['bob only', 'for both']);
    expect(left.map((m) => m.owners)).toEqual([[BOB], [BOB]]);

    const again = await poplib(port, [['user', ALICE], ['pass', 'x'], ['stat'], ['quit']]);
    expect(again.results[2]).toMatchObject({ count: 0 });
  });

  it('the catch-all login sees every maildrop and its QUIT removes what it deleted', async () => {
    sandbox = await startSandbox({ imapPort: null, httpPort: null });
    const port = sandbox.pop3!.port;
    await sendMail(sandbox, { to: ALICE, subject: 'alice only' });
    await sendMail(sandbox, { to: [ALICE, BOB], subject: 'for both' });
    const admin = await poplib(port, [['user', 'admin'], ['pass', 'x'], ['stat'], ['dele', 2], ['quit']]);
    expect(admin.results[2]).toMatchObject({ count: 2 });
    expect(sandbox.store.folderMessages('INBOX').map((m) => m.content.meta.subject)).toEqual(['alice only']);
  });
});
