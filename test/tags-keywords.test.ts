// Tags are IMAP keywords: one flag set, seen the same from the Mailpit API, the native API and an
// IMAP client (imapflow); and mail tags itself through X-Tags and, when asked, plus-addressing.
import type { ImapFlow } from 'imapflow';
import { MailpitClient } from 'mailpit-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MessageSummary } from '../server/types.ts';
import { imapflowClient } from './helpers/imap.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

describe('tags and IMAP keywords', () => {
  let sandbox: Sandbox;
  let mailpit: MailpitClient;
  let imap: ImapFlow;

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null });
    mailpit = new MailpitClient(`${sandbox.url}/mailpit`);
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    sandbox.store.clear();
    imap = imapflowClient(sandbox);
    await imap.connect();
  });
  afterEach(() => imap.logout());

  it('a tag set over the Mailpit API is a keyword IMAP fetches and searches', async () => {
    const id = await sendMail(sandbox, { subject: 'tag me', text: 'x' });
    await imap.mailboxOpen('INBOX');
    await mailpit.setTags({ IDs: [String(id)], Tags: ['urgent', 'Follow Up'] });
    const fetched = await imap.fetchOne(String(id), { flags: true }, { uid: true });
    expect(fetched && [...fetched.flags!].filter((flag) => flag !== '\\Recent')).toEqual(['urgent', 'Follow_Up']);
    expect(await imap.search({ keyword: 'URGENT' }, { uid: true })).toEqual([id]);
    expect(await imap.search({ unKeyword: 'urgent' }, { uid: true })).toEqual([]);
  });

  it('a keyword an IMAP client sets is a tag everywhere; system flags never are', async () => {
    const id = await sendMail(sandbox, { subject: 'from thunderbird', text: 'x' });
    await imap.mailboxOpen('INBOX');
    await imap.messageFlagsAdd(String(id), ['$label1', 'followup', '\\Flagged', '\\Seen'], { uid: true });
    expect((await mailpit.getMessageSummary(String(id))).Tags).toEqual(['$label1', 'followup']);
    expect(await mailpit.getTags()).toEqual(['$label1', 'followup']);
    expect((await mailpit.searchMessages({ query: 'tag:followup' })).messages.map((m) => m.ID)).toEqual([String(id)]);
    const native = await api<{ messages: MessageSummary[] }>(sandbox, '/api/v1/messages?q=tag:%24label1');
    expect(native.body.messages.map((m) => [m.id, m.tags])).toEqual([[id, ['$label1', 'followup']]]);
    await imap.messageFlagsRemove(String(id), ['followup'], { uid: true });
    expect(await mailpit.getTags()).toEqual(['$label1']);
  });

  it('keeps one spelling whatever case a client uses', async () => {
    const id = await sendMail(sandbox, { subject: 'case', text: 'x' });
    await imap.mailboxOpen('INBOX');
    await mailpit.setTags({ IDs: [String(id)], Tags: ['Later'] });
    await imap.messageFlagsAdd(String(id), ['LATER'], { uid: true });
    expect((await mailpit.getMessageSummary(String(id))).Tags).toEqual(['Later']);
    await imap.messageFlagsRemove(String(id), ['later'], { uid: true });
    expect((await mailpit.getMessageSummary(String(id))).Tags).toEqual([]);
  });

  it('tags mail from its X-Tags header, and not from plus-addresses unless asked', async () => {
    const id = await sendMail(sandbox, { to: 'dev+signup@example.com', subject: 'tagged', text: 'x', headers: { 'X-Tags': 'welcome, Beta Users' } });
    expect(sandbox.store.get(id)!.flags).toEqual(new Set(['welcome', 'Beta_Users']));
  });
});

describe('plus-addressing tags', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, imapPort: null, tagsPlusAddressing: true });
  });
  afterAll(() => sandbox.close());

  it('tags mail sent to user+tag@domain with --tags-plus-addressing on', async () => {
    const id = await sendMail(sandbox, { to: 'dev+signup+eu@example.com', cc: 'ops@example.com', subject: 'plus', text: 'x' });
    expect([...sandbox.store.get(id)!.flags]).toEqual(['signup', 'eu']);
  });
});
