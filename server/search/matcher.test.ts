import { describe, expect, it } from 'vitest';
import { MessageStore } from '../store/index.ts';
import { compileSearch } from './matcher.ts';

function mail(headers: Record<string, string>, body: string): Buffer {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return Buffer.from([...lines, '', body].join('\r\n'));
}

function storeWithMail() {
  const store = new MessageStore({ maxMessages: 100, maxBytes: 10 * 1024 * 1024 });
  const envelope = (to: string[]) => ({ mailFrom: 'bounce@shop.example', rcptTo: to });
  const order = store.add(
    mail(
      { From: 'Shop <orders@shop.example>', To: 'Alice <alice@example.com>', Subject: 'Your order', 'Message-ID': '<order-1@shop.example>', 'Reply-To': 'help@shop.example' },
      'Thanks for the zebra.',
    ),
    envelope(['alice@example.com', 'audit@example.com']),
    { receivedAt: new Date('2024-03-01T10:00:00Z') },
  );
  const news = store.add(
    mail(
      {
        From: 'news@paper.example',
        To: 'bob@example.com',
        Cc: 'carol@example.com',
        Subject: '=?utf-8?q?Caf=C3=A9_news?=',
        'Content-Type': 'multipart/mixed; boundary=b',
        'Content-Transfer-Encoding': '7bit',
      },
      [
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Le caf=C3=A9 est ouvert.',
        '--b',
        'Content-Type: application/pdf; name=menu.pdf',
        'Content-Disposition: attachment; filename=menu.pdf',
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0=',
        '--b',
        'Content-Type: image/png',
        'Content-ID: <logo>',
        'Content-Disposition: inline',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0=',
        '--b--',
      ].join('\r\n'),
    ),
    envelope(['bob@example.com', 'carol@example.com']),
    { receivedAt: new Date('2024-03-05T10:00:00Z'), flags: ['\\Seen', 'urgent'] },
  );
  return { store, order: order.id, news: news.id };
}

describe('compiled search over the store', () => {
  const { store, order, news } = storeWithMail();
  const ids = (q: string) => store.list({ search: compileSearch(q, { timeZone: 'UTC' }) }).messages.map((m) => m.id).sort();

  it('ANDs bare words over headers and decoded bodies', () => {
    expect(ids('zebra')).toEqual([order]);
    expect(ids('café ouvert')).toEqual([news]);
    expect(ids('"le café est"')).toEqual([news]);
    expect(ids('zebra café')).toEqual([]);
    expect(ids('example')).toEqual([order, news]);
  });

  it('matches each address field, with SMTP-only recipients as Bcc', () => {
    expect(ids('from:shop')).toEqual([order]);
    expect(ids('to:alice')).toEqual([order]);
    expect(ids('cc:carol')).toEqual([news]);
    expect(ids('bcc:audit')).toEqual([order]);
    expect(ids('reply-to:help')).toEqual([order]);
    expect(ids('addressed:carol')).toEqual([news]);
    expect(ids('to:carol')).toEqual([]);
  });

  it('matches subject, message-id and tag', () => {
    expect(ids('subject:café')).toEqual([news]);
    expect(ids('message-id:order-1')).toEqual([order]);
    expect(ids('tag:URGENT')).toEqual([news]);
    expect(ids('tag:urg')).toEqual([]);
    store.setFlags([order], 'add', ['Big_Spender']);
    expect(ids('tag:"big spender"')).toEqual([order]);
    store.setFlags([order], 'remove', ['Big_Spender']);
  });

  it('matches states and negations', () => {
    expect(ids('is:read')).toEqual([news]);
    expect(ids('is:unread')).toEqual([order]);
    expect(ids('is:tagged')).toEqual([news]);
    expect(ids('has:attachment')).toEqual([news]);
    expect(ids('has:inline')).toEqual([news]);
    expect(ids('-has:attachment')).toEqual([order]);
    expect(ids('!from:shop')).toEqual([news]);
    expect(ids('-zebra')).toEqual([news]);
  });

  it('matches received dates and sizes', () => {
    expect(ids('after:2024-03-02')).toEqual([news]);
    expect(ids('before:2024-03-02')).toEqual([order]);
    expect(ids('-after:2024-03-02')).toEqual([order]);
    const small = store.get(order)!.size;
    expect(ids(`smaller:${small + 1}`)).toEqual([order]);
    expect(ids(`larger:${small + 1}`)).toEqual([news]);
  });

  it('caches decoded text once per message and frees it with the message', () => {
    const before = store.searchTexts.bytes;
    expect(before).toBeGreaterThan(0);
    ids('zebra');
    expect(store.searchTexts.bytes).toBe(before);
    store.delete([order]);
    expect(store.searchTexts.bytes).toBeLessThan(before);
  });
});

describe('trigram sketch', () => {
  it('never rules out a message that holds the needle', async () => {
    const { trigramsOf, needleBits, mayContain } = await import('./trigrams.ts');
    const text = 'le café est ouvert, zebra crossing at 42nd street; ünïcödé ok';
    const sketch = trigramsOf(text);
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 3; end <= Math.min(text.length, start + 12); end++) {
        expect(mayContain(sketch, needleBits(text.slice(start, end))!)).toBe(true);
      }
    }
    expect(mayContain(sketch, needleBits('quetzalcoatl')!)).toBe(false);
    expect(needleBits('ab')).toBeNull();
  });
});
