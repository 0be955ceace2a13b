// The single-client IMAP measurements: one session, each command timed `repeat` times after one
// untimed warm-up pass (Dovecot builds its index and cache, mailsandbox reads headers), median kept.
// Every reply is checked (status, number of FETCH responses, search hits, bytes of the big body).
import { BODY_TERM, SUBJECT_TERM } from './corpus.ts';
import { ImapClient, type ImapReply } from './imap-client.ts';
import { median, msSince } from './stats.ts';

export interface SingleResult {
  measure: string;
  medianMs: number;
  /** What the reply should have held and didn't; null when every run checked out. */
  mismatch: string | null;
}

export interface Expectations {
  subjectHits: number;
  bodyHits: number;
  bigSize: number;
}

const fetches = (replies: ImapReply[]) => replies.reduce((n, r) => n + r.untagged.filter((l) => / FETCH /.test(l)).length, 0);

export function searchIds(reply: ImapReply): number[] {
  const line = reply.untagged.find((l) => l.startsWith('* SEARCH'));
  return line ? line.slice(8).trim().split(' ').filter(Boolean).map(Number) : [];
}

interface Step {
  measure: string;
  /** Runs alternate, so a STORE always changes the flag. */
  lines: (bigUid: number, run: number) => string[];
  check: (replies: ImapReply[], exists: number) => string | null;
  /** At least this many timed runs: a command of about a millisecond needs more than `repeat` so one GC pause doesn't set the median. */
  minRuns?: number;
}

const expect = (what: string, got: number, want: number) => (got === want ? null : `${what}: got ${got}, expected ${want}`);

/** STORE touches messages 1..n, n = 1000 unless the corpus is smaller (for quick runs). */
function steps(e: Expectations, n: number): Step[] {
  return [
    { measure: 'FETCH 1:* (FLAGS ENVELOPE)', lines: () => ['FETCH 1:* (FLAGS ENVELOPE)'], check: (r, exists) => expect('FETCH responses', fetches(r), exists) },
    { measure: 'UID FETCH <1 MB> BODY.PEEK[]', lines: (uid) => [`UID FETCH ${uid} BODY.PEEK[]`], check: (r) => expect('literal bytes', r[0].literalBytes, e.bigSize), minRuns: 300 },
    { measure: `UID SEARCH SUBJECT "${SUBJECT_TERM}"`, lines: () => [`UID SEARCH SUBJECT "${SUBJECT_TERM}"`], check: (r) => expect('hits', searchIds(r[0]).length, e.subjectHits) },
    { measure: `UID SEARCH BODY "${BODY_TERM}"`, lines: () => [`UID SEARCH BODY "${BODY_TERM}"`], check: (r) => expect('hits', searchIds(r[0]).length, e.bodyHits) },
    {
      measure: `STORE 1:${n} +FLAGS or -FLAGS (\\Flagged)`,
      lines: (_, run) => [`STORE 1:${n} ${run % 2 ? '-' : '+'}FLAGS (\\Flagged)`],
      check: (r) => expect('FETCH responses', fetches(r), n),
    },
    {
      measure: `SORT RETURN (MIN MAX COUNT) (SUBJECT) ... SUBJECT "${SUBJECT_TERM}"`,
      lines: () => [`SORT RETURN (MIN MAX COUNT) (SUBJECT) UTF-8 SUBJECT "${SUBJECT_TERM}"`],
      check: (r) => expect('COUNT', Number(/ COUNT (\d+)/.exec(r[0].untagged.join('\n'))?.[1]), e.subjectHits),
    },
    {
      measure: `SEARCH RETURN (SAVE) SUBJECT "${SUBJECT_TERM}", FETCH $ (UID FLAGS)`,
      lines: () => [`SEARCH RETURN (SAVE) SUBJECT "${SUBJECT_TERM}"`, 'FETCH $ (UID FLAGS)'],
      check: (r) => expect('FETCH responses', fetches(r), e.subjectHits),
    },
    { measure: 'FETCH 1:* (PREVIEW)', lines: () => ['FETCH 1:* (PREVIEW)'], check: (r, exists) => expect('FETCH responses', fetches(r), exists) },
    {
      measure: `STORE i +FLAGS then -FLAGS, ${2 * n} pipelined`,
      lines: () => ['+', '-'].flatMap((sign) => Array.from({ length: n }, (_, i) => `STORE ${i + 1} ${sign}FLAGS (\\Flagged)`)),
      check: (r) => expect('FETCH responses', fetches(r), 2 * n),
    },
  ];
}

/** One session per server; every timed run alternates between them, so a noisy moment on the machine hits both. */
export async function measureSingle(ports: number[], e: Expectations, repeat: number): Promise<SingleResult[][]> {
  const sessions = await Promise.all(ports.map((port) => openSession(port)));
  try {
    const exists = sessions[0].exists;
    if (sessions.some((s) => s.exists !== exists)) throw new Error(`servers disagree on the message count: ${sessions.map((s) => s.exists).join(' vs ')}`);
    const results: SingleResult[][] = ports.map(() => []);
    for (const step of steps(e, Math.min(1000, exists))) {
      const times: number[][] = ports.map(() => []);
      const mismatches: Array<string | null> = ports.map(() => null);
      const runs = Math.max(repeat, step.minRuns ?? 0);
      for (let run = 0; run <= runs; run++) {
        for (const [i, session] of sessions.entries()) {
          const started = process.hrtime.bigint();
          const replies = await session.client.pipeline(step.lines(session.bigUid, run));
          if (run > 0) times[i].push(msSince(started));
          const bad = replies.find((r) => r.status !== 'OK');
          mismatches[i] ??= bad ? `${bad.status} ${bad.text}` : step.check(replies, exists);
        }
      }
      sessions.forEach((_, i) => results[i].push({ measure: step.measure, medianMs: median(times[i]), mismatch: mismatches[i] }));
    }
    return results;
  } finally {
    await Promise.all(sessions.map((s) => s.client.logout()));
  }
}

async function openSession(port: number): Promise<{ client: ImapClient; exists: number; bigUid: number }> {
  const client = await ImapClient.connect(port);
  await client.ok('LOGIN bench any-password');
  const selected = await client.ok('SELECT INBOX');
  const exists = Number(/^\* (\d+) EXISTS/m.exec(selected.untagged.join('\n'))?.[1]);
  const [bigUid] = searchIds(await client.ok('UID SEARCH LARGER 500000'));
  return { client, exists, bigUid };
}
