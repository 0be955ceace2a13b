// libmime, loaded on first use: its charset tables (iconv-lite, encoding-japanese) cost more start-up
// time than the rest of the server, and only a header or body decode needs them. require() keeps the
// callers synchronous; it is the CommonJS build mailparser loads too, so the two share one copy.
import { createRequire } from 'node:module';

type Libmime = (typeof import('libmime'))['default'];
type Charset = typeof import('libmime/lib/charset.js');

const require = createRequire(import.meta.url);
let libmime: Libmime | null = null;
let charset: Charset | null = null;

export function decodeWords(value: string): string {
  libmime ??= require('libmime') as Libmime;
  return libmime.decodeWords(value);
}

export function decodeCharset(bytes: Buffer, label: string): string {
  charset ??= require('libmime/lib/charset.js') as Charset;
  return charset.decode(bytes, label);
}
