import { describe, expect, it } from 'vitest';
import { snippetOf } from './snippet.ts';

const mail = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));

describe('snippetOf', () => {
  it('takes the start of a plain body, whitespace collapsed', () => {
    expect(snippetOf(mail('Subject: x\n\nHello   there,\n\nsecond line\n'))).toBe('Hello there, second line');
  });

  it('prefers text/plain in an alternative, and decodes transfer encoding and charset', () => {
    const raw = mail(
      'Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>html</p>\n' +
        '--b\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9 cr=\n=E8me\n--b--\n',
    );
    expect(snippetOf(raw)).toBe('café crème');
  });

  it('reduces HTML to text when there is no plain part, styles and scripts dropped', () => {
    const raw = mail('Content-Type: text/html\nContent-Transfer-Encoding: base64\n\n' + Buffer.from('<style>p{color:red}</style><p>Hi <b>you</b></p><script>x()</script>').toString('base64') + '\n');
    expect(snippetOf(raw)).toBe('Hi you');
  });

  it('skips text attachments and cuts at 160 characters', () => {
    const raw = mail(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nattached\n' +
        `--b\nContent-Type: text/plain\n\n${'word '.repeat(100)}\n--b--\n`,
    );
    const snippet = snippetOf(raw);
    expect(snippet.startsWith('word word')).toBe(true);
    expect(snippet).toHaveLength(159);
    expect(snippet.endsWith('word')).toBe(true);
  });

  it('leaves out the quoted lines of a plain reply', () => {
    expect(snippetOf(mail('Subject: Re: x\n\nSounds good.\n\n> Shall we meet?\n>> At noon\nBob\n'))).toBe('Sounds good. Bob');
    expect(snippetOf(mail('Subject: x\n\nA -> B and 3 > 2\n'))).toBe('A -> B and 3 > 2');
  });

  it('reads past a start of blank lines, and never shows a character cut where the first read stopped', () => {
    const blank = snippetOf(mail(`Subject: x\n\n${'\n'.repeat(1500)}finally some text\n`));
    expect(blank).toBe('finally some text');
    // "é" is two bytes in UTF-8: one of them falls on each side of the first 1024 bytes.
    const text = `${'a'.repeat(1023)}é and more words ${'z '.repeat(100)}`;
    const raw = mail(`Subject: x\nContent-Type: text/plain; charset=utf-8\n\n${text}\n`);
    expect(snippetOf(raw)).toBe(text.replace(/\s+/g, ' ').slice(0, 160));
    const unicodeSpaces = snippetOf(mail('Subject: x\n\n\u00a0 one\u2003\u3000two\t\tthree\n'));
    expect(unicodeSpaces).toBe('one two three');
  });

  it('is empty for a message without a text body, and never throws on garbage', () => {
    expect(snippetOf(mail('Content-Type: image/png\n\nxxxx\n'))).toBe('');
    expect(() => snippetOf(Buffer.from([0xff, 0x00, 0x0a, 0x3d, 0x0d]))).not.toThrow();
  });
});
