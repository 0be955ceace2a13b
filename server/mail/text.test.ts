import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MessageStore } from '../store/store.ts';
import { charsetDecode, decodeQuotedPrintable } from './decode.ts';
import { bodyText, htmlToText } from './text.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('bodyText', () => {
  it('decodes every text part and skips other attachments', () => {
    const text = bodyText(fixture('charsets.eml'));
    expect(text).toContain('Café crème brûlée, naïve façade.');
    expect(text).toContain('The “smart quotes” cost 5€.');
    expect(text).toContain('日本語のテキスト Grüße');
    expect(text).not.toContain('secretword');
  });

  it('reads HTML as text and includes the header and text of attached messages', () => {
    const text = bodyText(fixture('nested-multipart.eml'));
    expect(text).toContain('Café & crème brûlée');
    expect(text).not.toMatch(/<p>|color:red/);
    expect(text).toContain('Subject: the inner message');
    expect(text).toContain('The inner text mentions a narwhal.');
    expect(text).not.toContain('preamble');
  });
});

describe('REST q', () => {
  it('finds words that are only in decoded parts, as IMAP SEARCH BODY does', () => {
    const store = new MessageStore({ maxMessages: 10, maxBytes: 1_000_000 });
    for (const name of ['charsets.eml', 'nested-multipart.eml', 'plain.eml']) {
      store.add(fixture(name), { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] });
    }
    const subjects = (q: string) => store.list({ q }).messages.map((m) => m.content.meta.subject);
    expect(subjects('crème')).toEqual(['nested parts', 'charsets']);
    expect(subjects('日本語')).toEqual(['charsets']);
    expect(subjects('narwhal')).toEqual(['nested parts']);
  });
});

describe('htmlToText', () => {
  it('drops scripts, styles and comments, keeps words whole across inline tags', () => {
    expect(htmlToText('<style>p{}</style><SCRIPT>x()</script><!-- hidden --><p>Caf<b>é</b></p><div>two</div>')).toBe('    Café  two ');
  });

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(htmlToText('&lt;a&gt; &amp; &#233;&#x20AC; &eacute; &bogus; &#0;')).toBe('<a> & é€ é &bogus; &#0;');
  });

  it('tolerates unclosed tags and elements', () => {
    expect(htmlToText('a < b')).toBe('a < b');
    expect(htmlToText('x<style>never closed')).toBe('x ');
    expect(htmlToText('x<!-- never closed')).toBe('x ');
  });
});

describe('decoding', () => {
  it('decodes quoted-printable, soft breaks with trailing space, and keeps malformed escapes', () => {
    const qp = (s: string) => decodeQuotedPrintable(Buffer.from(s, 'latin1')).toString('latin1');
    expect(qp('caf=C3=A9 =3D=\r\nnext=  \nline')).toBe('caf\xc3\xa9 =nextline');
    expect(qp('100% =ZZ =4 end=')).toBe('100% =ZZ =4 end=');
  });

  it('reads unknown or missing charsets as UTF-8 when valid, else latin1', () => {
    expect(charsetDecode(Buffer.from('é', 'utf8'), null)).toBe('é');
    expect(charsetDecode(Buffer.from([0xe9]), 'us-ascii')).toBe('é');
    expect(charsetDecode(Buffer.from([0xe9]), 'x-no-such-charset')).toBe('é');
    expect(charsetDecode(Buffer.from([0x80]), 'windows-1252')).toBe('€');
    expect(charsetDecode(Buffer.from([0xa4]), 'iso-8859-15')).toBe('€');
  });
});
