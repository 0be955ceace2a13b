// Search speed: a body-word `q` over 10,000 messages of about 10 KB, through the HTTP API as a user
// runs it, and the store's own list() alone (no HTTP, no JSON). The first search decodes every
// message (cold) and fills the search-text cache; the timed runs after it read the cache.
// Flags: --messages 10000 --runs 200.
import { parseArgs } from 'node:util';
import { start } from '../server/app.ts';
import { compileSearch } from '../server/search/index.ts';
import { BODY_TERM, generateCorpus } from './corpus.ts';
import { guardProcess } from './guard.ts';
import { printTable, writeResults, type Row } from './report.ts';
import { msSince, percentile } from './stats.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '10000' }, runs: { type: 'string', default: '200' } } });
const count = Number(values.messages);
const runs = Number(values.runs);
guardProcess(10 * 60_000);

const sandbox = await start({ smtpPort: null, imapPort: null, pop3Port: null, httpPort: 0, logLevel: 'silent', maxMessages: count + 1 });
const corpus = generateCorpus(count);
corpus.messages.forEach((raw, i) => sandbox.store.add(raw, corpus.envelopes[i]));

const queries: Array<[label: string, q: string, expected: number | null]> = [
  [`body word "${BODY_TERM}"`, BODY_TERM, corpus.expected.body],
  ['word found nowhere', 'quetzalcoatl', 0],
  ['from: and a negated word', `from:example -${BODY_TERM}`, null],
  ['subject: with is:unread', 'subject:invoice is:unread', corpus.expected.subject],
];

async function search(q: string): Promise<{ ms: number; total: number }> {
  const began = process.hrtime.bigint();
  const response = await fetch(`${sandbox.url}/api/v1/messages?limit=50&q=${encodeURIComponent(q)}`);
  const body = (await response.json()) as { total: number };
  return { ms: msSince(began), total: body.total };
}

const row = (measure: string, unit: string, value: number): Row => ({ measure, unit, better: 'lower', values: { mailsandbox: value } });
const rows: Row[] = [];
const notes: string[] = [];
const rssBefore = process.memoryUsage().rss;
const cold = await search(queries[0][1]);
for (const [label, q, expected] of queries) {
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) ({ ms: samples[i], total } = await search(q));
  if (expected !== null && total !== expected) notes.push(`${label}: found ${total}, expected ${expected}`);
  rows.push(row(`${label} p50`, 'ms', percentile(samples, 50)), row(`${label} p99`, 'ms', percentile(samples, 99)));
}
const floor: number[] = [];
for (let i = 0; i < runs; i++) {
  const began = process.hrtime.bigint();
  await (await fetch(`${sandbox.url}/api/v1/messages?limit=50`)).json();
  floor.push(msSince(began));
}
rows.push(row('no search, same page (HTTP floor) p50', 'ms', percentile(floor, 50)));
const storeSamples: number[] = [];
for (let i = 0; i < runs; i++) {
  const began = process.hrtime.bigint();
  sandbox.store.list({ search: compileSearch(BODY_TERM) }, { limit: 50 });
  storeSamples.push(msSince(began));
}
rows.push(row(`store.list body word p50`, 'ms', percentile(storeSamples, 50)), row(`store.list body word p99`, 'ms', percentile(storeSamples, 99)));
const memory = process.memoryUsage();
printTable(`q searches over ${count} messages of about 10 KB, ${runs} runs each (HTTP, limit 50)`, [
  row('first body search (decodes all)', 'ms', cold.ms),
  ...rows,
  row('search-text cache', 'MiB', sandbox.store.searchTexts.bytes / 1024 ** 2),
  row('store raw bytes', 'MiB', sandbox.store.stats().bytes / 1024 ** 2),
  row('RSS before the first search', 'MiB', rssBefore / 1024 ** 2),
  row('RSS after', 'MiB', memory.rss / 1024 ** 2),
]);
for (const note of notes) console.log(`note: ${note}`);
console.log(writeResults('search', { count, runs, cold: cold.ms, rows, rss: memory.rss }));
await sandbox.close();
