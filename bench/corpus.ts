// The mail both servers hold in the IMAP and POP3 benches: `count` messages of about 10 KB, generated
// from a fixed seed (same bytes on every run and for both servers), then one message of about 1 MB.
// Realistic headers, varied subjects and bodies, a fifth multipart/alternative, a tenth with a base64
// attachment, a few lines that need dot-stuffing. The generator also counts what the searches must find.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SUBJECT_TERM = 'invoice';
export const BODY_TERM = 'zebrafish';

export interface Corpus {
  messages: Buffer[];
  envelopes: Array<{ mailFrom: string; rcptTo: string[] }>;
  /** How many messages SEARCH SUBJECT SUBJECT_TERM and SEARCH BODY BODY_TERM must return. */
  expected: { subject: number; body: number };
}

const WORDS = (
  'the of and to in is you that it he was for on are as with his they at be this have from or one had by ' +
  'word but not what all were we when your can said there use an each which she do how their if will up ' +
  'other about out many then them these so some her would make like him into time has look two more write ' +
  'go see number no way could people my than first water been call who oil its now find long down day did ' +
  'get come made may part release deploy staging cluster metric review budget quarter customer shipment ' +
  'contract schedule meeting agenda follow update report ticket status pending approved draft final'
).split(' ');
const SUBJECTS = [
  'Your invoice #{n} is ready',
  'Re: {w} {w} meeting notes',
  'Weekly {w} report for week {n}',
  'Password reset requested for account {n}',
  'Fwd: {w} and {w}',
  'Order {n} has shipped',
  '[ci] build {n} failed on {w}',
  'Welcome to {w}, {name}!',
  'Reminder: {w} review on Thursday',
  'Invoice {n} overdue: {w}',
  'Your {w} subscription renews soon',
  'Re: Re: question about {w}',
];
const NAMES = ['Alice Martin', 'Bob Stone', 'Chloé Dubois', 'Dmitri Ivanov', 'Eve Adams', 'Fatima Khan', 'Gustav Berg', 'Hana Sato'];
const DOMAINS = ['example.com', 'example.org', 'shop.example.net', 'corp.example', 'mail.example.io'];

/** mulberry32: a tiny seeded PRNG, so the corpus (and the load's choices) are identical on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCorpus(count: number, seed = 20261124): Corpus {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const messages: Buffer[] = [];
  const envelopes: Corpus['envelopes'] = [];
  const expected = { subject: 0, body: 0 };

  const address = (name: string) => `${name.split(' ')[0].toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}@${pick(DOMAINS)}`;
  const encodeName = (name: string) => (/^[\x20-\x7e]*$/.test(name) ? `"${name}"` : `=?UTF-8?B?${Buffer.from(name).toString('base64')}?=`);
  const paragraph = (withTerm: boolean) => {
    const words = Array.from({ length: 40 + Math.floor(rand() * 40) }, () => pick(WORDS));
    if (withTerm) words[Math.floor(rand() * words.length)] = BODY_TERM;
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
      if (line.length + word.length > 72) lines.push(line), (line = '');
      line += (line ? ' ' : '') + word;
    }
    lines.push(line + '.');
    return lines.join('\r\n');
  };
  const text = (size: number, withTerm: boolean) => {
    const paragraphs: string[] = [];
    const termAt = withTerm ? Math.floor(rand() * 10) : -1;
    for (let length = 0, i = 0; length < size; i++) {
      const p = (rand() < 0.02 ? '.. a line that starts with a dot\r\n' : '') + paragraph(i === termAt);
      paragraphs.push(p);
      length += p.length + 4;
    }
    return paragraphs.join('\r\n\r\n') + '\r\n';
  };
  const base64Lines = (bytes: number) =>
    Buffer.from(Array.from({ length: bytes }, () => Math.floor(rand() * 256)))
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n') + '\r\n';

  for (let i = 0; i <= count; i++) {
    const big = i === count;
    const fromName = pick(NAMES);
    const toName = pick(NAMES);
    const from = address(fromName);
    const to = address(toName);
    const subject = big
      ? 'Quarterly archive export (large attachment)'
      : pick(SUBJECTS).replace(/\{(\w+)\}/g, (_, key: string) => (key === 'n' ? String(1000 + Math.floor(rand() * 90000)) : key === 'w' ? pick(WORDS) : toName));
    const withTerm = !big && rand() < 0.01;
    if (subject.toLowerCase().includes(SUBJECT_TERM)) expected.subject++;
    if (withTerm) expected.body++;
    const date = new Date(Date.UTC(2026, 0, 1) + i * 137_000);
    const boundary = `=_bench_${i}_${Math.floor(rand() * 1e9).toString(36)}`;
    const kind = big ? 'attachment' : rand() < 0.1 ? 'attachment' : rand() < 0.22 ? 'alternative' : 'plain';
    const size = 7200 + Math.floor(rand() * 3600);
    const headers = [
      `Return-Path: <${from}>`,
      `Received: from mx${i % 7}.example.net (mx${i % 7}.example.net [192.0.2.${i % 250}])\r\n\tby mail.example.com with ESMTPS id ${i.toString(36)}\r\n\tfor <${to}>; ${date.toUTCString().replace('GMT', '+0000')}`,
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      `From: ${encodeName(fromName)} <${from}>`,
      `To: ${encodeName(toName)} <${to}>`,
      ...(rand() < 0.3 ? [`Cc: ${address(pick(NAMES))}, ${address(pick(NAMES))}`] : []),
      `Subject: ${subject}`,
      `Message-ID: <bench.${i}.${seed}@${from.split('@')[1]}>`,
      ...(rand() < 0.3 ? [`In-Reply-To: <bench.${Math.max(0, i - 1)}.${seed}@example.com>`] : []),
      'MIME-Version: 1.0',
    ];
    let body: string;
    if (kind === 'plain') {
      headers.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
      body = text(size, withTerm);
    } else if (kind === 'alternative') {
      const plain = text(size / 2, withTerm);
      const html = `<html><body>\r\n<p>${plain.replace(/\r\n\r\n/g, '</p>\r\n<p>')}</p>\r\n</body></html>\r\n`;
      headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
      body =
        `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${plain}` +
        `--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${html}--${boundary}--\r\n`;
    } else {
      const attachment = big ? 770_000 : Math.floor(size * 0.45);
      headers.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
      body =
        `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text(big ? 2000 : size * 0.4, withTerm)}` +
        `--${boundary}\r\nContent-Type: application/octet-stream; name="data-${i}.bin"\r\nContent-Disposition: attachment; filename="data-${i}.bin"\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(attachment)}--${boundary}--\r\n`;
    }
    messages.push(Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`));
    envelopes.push({ mailFrom: from, rcptTo: [to] });
  }
  return { messages, envelopes, expected };
}

/**
 * Writes the corpus as a Maildir (cur/, already seen by an MUA, no flags). Files keep the CRLF bytes,
 * so S= (file size) and W= (size on the wire) are the same and Dovecot never has to compute them.
 */
export function writeMaildir(dir: string, corpus: Corpus): void {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  corpus.messages.forEach((raw, i) => {
    writeFileSync(join(dir, 'cur', `${1_700_000_000 + i}.M${i}P1.bench,S=${raw.length},W=${raw.length}:2,`), raw);
  });
}
