import { describe, expect, it } from 'vitest';
import { binaryContent, binarySize, undecodableEncoding } from './binary.ts';

const raw = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');
const bytes = (content: ReturnType<typeof binaryContent>) => (content.kind === 'bytes' ? content.bytes.toString('latin1') : content);

const multipart = raw(`MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Transfer-Encoding: quoted-printable

a=3Db=
c
--b
Content-Type: application/octet-stream
Content-Transfer-Encoding: Base64

AAE=
--b
Content-Transfer-Encoding: x-uuencode

begin
--b
Content-Type: message/rfc822

Subject: inner
Content-Transfer-Encoding: base64

aGk=
--b--
`);

describe('binaryContent (RFC 3516)', () => {
  it('undoes quoted-printable and base64 of a leaf part, whatever the case of the encoding', () => {
    expect(binaryContent(multipart, [1])).toEqual({ kind: 'bytes', bytes: Buffer.from('a=bc'), decoded: true });
    expect(binaryContent(multipart, [2])).toEqual({ kind: 'bytes', bytes: Buffer.from([0, 1]), decoded: true });
  });

  it('names an encoding it cannot undo, and finds it without decoding anything', () => {
    expect(binaryContent(multipart, [3])).toEqual({ kind: 'unknown-encoding', encoding: 'x-uuencode' });
    expect([[], [1], [3], [4], [9]].map((path) => undecodableEncoding(multipart, path))).toEqual(['x-uuencode', null, 'x-uuencode', null, null]);
    expect(binarySize(multipart, [3])).toEqual({ kind: 'unknown-encoding', encoding: 'x-uuencode' });
  });

  it('sizes decoded content', () => {
    expect([[1], [2], [4], [4, 1], [9]].map((path) => binarySize(multipart, path))).toEqual([4, 2, 55, 2, 0]);
  });

  it('gives a message of one encoded part in binary form: its header saying so, then the decoded body', () => {
    expect(bytes(binaryContent(multipart, [4]))).toBe('Subject: inner\r\nContent-Transfer-Encoding: binary\r\n\r\nhi');
    expect(bytes(binaryContent(multipart, [4, 1]))).toBe('hi');
  });

  it('gives a multipart in binary form: encoded leaves decoded in place, each Content-Transfer-Encoding moved last and saying binary', () => {
    const message = raw(`Content-Type: multipart/mixed; boundary=b

pre
--b
Content-Transfer-Encoding: base64
X-Kept: 1

aGk=
--b

as is
--b--
post
`);
    expect(bytes(binaryContent(message, []))).toBe(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\npre\r\n--b\r\nX-Kept: 1\r\nContent-Transfer-Encoding: binary\r\n\r\nhi\r\n--b\r\n\r\nas is\r\n--b--\r\npost\r\n',
    );
    expect(binaryContent(message, [])).toMatchObject({ decoded: true });
    // One part it cannot decode makes the whole message undecodable.
    expect(binaryContent(multipart, [])).toEqual({ kind: 'unknown-encoding', encoding: 'x-uuencode' });
  });

  it('gives an unencoded part as it is, and an absent part as nothing', () => {
    const plain = raw('Subject: x\n\nas is\n');
    expect(binaryContent(plain, [1])).toEqual({ kind: 'bytes', bytes: Buffer.from('as is\r\n'), decoded: false });
    expect(binaryContent(plain, [])).toMatchObject({ decoded: false });
    expect(bytes(binaryContent(multipart, [9]))).toBe('');
  });
});
