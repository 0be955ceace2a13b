import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_NAMED_IDS, type SessionRecord } from './record.ts';
import { ACTIONS_PER_SESSION, SessionRegistry, UPDATE_MS, type SessionEvent } from './registry.ts';

const registries: SessionRegistry[] = [];
const make = (maxSessions = 10, maxTranscript = 64 * 1024) => {
  const registry = new SessionRegistry({ mode: 'full', maxSessions, maxTranscript });
  registries.push(registry);
  return registry;
};
afterEach(() => {
  for (const registry of registries.splice(0)) registry.close();
  vi.useRealTimers();
});

describe('SessionRegistry', () => {
  it('drops the oldest session past the cap, and its part of every history', () => {
    const registry = make(2);
    const first = registry.open('smtp', '127.0.0.1', 1000, false);
    first.action('received #1', [1]);
    const second = registry.open('imap', '127.0.0.1', 1001, false);
    second.action('fetched #1 (BODY.PEEK[])', [1]);
    expect(registry.history(1).map((h) => h.sessionId)).toEqual([first.id, second.id]);
    registry.open('pop3', '127.0.0.1', 1002, false);
    expect(registry.size).toBe(2);
    expect(registry.get(first.id)).toBeUndefined();
    expect(registry.history(1).map((h) => h.text)).toEqual(['fetched #1 (BODY.PEEK[])']);
  });

  it('drops the oldest sessions once all kept actions pass ACTIONS_PER_SESSION per allowed session, so memory plateaus with few long sessions', () => {
    const registry = make(2);
    const cap = 2 * ACTIONS_PER_SESSION;
    const first = registry.open('smtp', '127.0.0.1', 1000, false);
    for (let id = 1; id <= cap - 10; id++) first.action(`received #${id}`, [id]);
    const second = registry.open('smtp', '127.0.0.1', 1001, false);
    for (let id = cap - 9; id <= cap; id++) second.action(`received #${id}`, [id]);
    expect(registry.get(first.id)).toBeDefined();
    second.action(`received #${cap + 1}`, [cap + 1]);
    expect(registry.get(first.id)).toBeUndefined();
    expect(registry.history(1)).toEqual([]);
    expect(registry.history(cap + 1).map((h) => h.sessionId)).toEqual([second.id]);
    // The session still acting is never the one dropped: its own 5000-action bound holds it.
    for (let id = cap + 2; id <= 2 * cap; id++) second.action(`received #${id}`, [id]);
    expect(registry.get(second.id)).toBeDefined();
    // A dropped session that is still live adds nothing to any history, and keeps only its counts.
    const record = first as SessionRecord;
    const kept = record.actions.length;
    first.action('received #9999', [9999]);
    first.client('NOOP');
    expect(registry.history(9999)).toEqual([]);
    expect(record.actions).toHaveLength(kept);
    expect(record.summary().actionCount).toBe(kept + 1);
    expect(record.summary().commands).toBe(1);
    expect(first.wantsLines).toBe(false);
  });

  it("reads a message's history in the order its actions happened, across sessions that overlap", () => {
    const registry = make();
    const reader = registry.open('imap', '127.0.0.1', 1000, false);
    const sender = registry.open('smtp', '127.0.0.1', 1001, false);
    sender.action('received #7', [7]);
    reader.action('fetched #7 (BODY.PEEK[])', [7]);
    sender.action('received #8', [8]);
    reader.action('fetched #5:9 (FLAGS)', [5, 6, 7, 8, 9]);
    expect(registry.history(7).map((h) => h.text)).toEqual(['received #7', 'fetched #7 (BODY.PEEK[])', 'fetched #5:9 (FLAGS)']);
    expect(registry.history(8).map((h) => [h.text, h.sessionId])).toEqual([
      ['received #8', sender.id],
      ['fetched #5:9 (FLAGS)', reader.id],
    ]);
  });

  it('lists newest first, filtered by protocol and login', () => {
    const registry = make();
    const a = registry.open('imap', 'h', 1, false);
    a.loggedIn('Alice@Example.test');
    const b = registry.open('pop3', 'h', 2, false);
    expect(registry.list({ limit: 10, offset: 0 }).sessions.map((s) => s.id)).toEqual([b.id, a.id]);
    expect(registry.list({ protocol: 'pop3', limit: 10, offset: 0 }).sessions.map((s) => s.id)).toEqual([b.id]);
    expect(registry.list({ login: 'alice@example.test', limit: 10, offset: 0 }).sessions.map((s) => s.id)).toEqual([a.id]);
  });

  it('sends started and ended at once, updated at most every UPDATE_MS, and lines only to watchers', () => {
    vi.useFakeTimers();
    const registry = make();
    const events: SessionEvent[] = [];
    registry.subscribe((event) => events.push(event));
    const record = registry.open('imap', 'h', 1, false);
    const lines: string[] = [];
    registry.watch(record.id, (line) => lines.push(line.text));
    for (let i = 0; i < 50; i++) record.client(`a${i} NOOP`);
    expect(events.map((e) => e.type)).toEqual(['session.started']);
    vi.advanceTimersByTime(UPDATE_MS);
    expect(events.map((e) => e.type)).toEqual(['session.started', 'session.updated']);
    expect(events[1]).toMatchObject({ session: { commands: 50 } });
    record.ending('quit');
    record.server('* BYE');
    record.end('dropped');
    vi.advanceTimersByTime(UPDATE_MS);
    expect(events.map((e) => e.type)).toEqual(['session.started', 'session.updated', 'session.ended']);
    expect(events[2]).toMatchObject({ session: { state: 'ended', ended: 'quit' } });
    expect(lines).toHaveLength(51);
    expect(JSON.stringify(events)).not.toContain('NOOP');
  });

  it('tells its listeners of each session it drops', () => {
    const registry = make(2);
    const events: SessionEvent[] = [];
    const first = registry.open('smtp', 'h', 1, false);
    registry.subscribe((event) => events.push(event));
    registry.open('smtp', 'h', 2, false);
    const third = registry.open('smtp', 'h', 3, false);
    expect(events.filter((e) => e.type === 'session.dropped')).toEqual([{ type: 'session.dropped', id: first.id }]);
    expect(events.at(-1)).toMatchObject({ type: 'session.started', session: { id: third.id } });
  });

  it('cuts the transcript at its cap with one marker, and bounds the ids actions name', () => {
    const registry = make(10, 1024);
    const record = registry.open('imap', 'h', 1, false);
    for (let i = 0; i < 100; i++) record.client(`a${i} NOOP`);
    const detail = registry.get(record.id)!.detail();
    expect(detail.transcriptCut).toBe(true);
    expect(detail.transcript.filter((l) => l.text.includes('transcript cut'))).toHaveLength(1);
    expect(detail.commands).toBe(100);
    const all = Array.from({ length: MAX_NAMED_IDS }, (_, i) => i + 1);
    record.action('fetched everything', all);
    record.action('fetched everything again', all);
    expect(registry.history(1).map((h) => h.text)).toEqual(['fetched everything']);
    expect(registry.get(record.id)!.detail().actionCount).toBe(2);
  });

  it('keeps a multi-line reply as its lines, numbered in order, live and when read', () => {
    const registry = make(10, 1024);
    const record = registry.open('smtp', 'h', 1, false);
    const live: Array<[number, string]> = [];
    registry.watch(record.id, (line) => live.push([line.n, line.text]));
    record.client('EHLO client');
    record.server('250-mailsandbox\r\n250-PIPELINING\r\n250 8BITMIME');
    record.client('QUIT');
    const expected: Array<[number, string]> = [[0, 'EHLO client'], [1, '250-mailsandbox'], [2, '250-PIPELINING'], [3, '250 8BITMIME'], [4, 'QUIT']];
    expect(live).toEqual(expected);
    const detail = registry.get(record.id)!.detail();
    expect(detail.transcript.map((l) => [l.n, l.text])).toEqual(expected);
    expect(detail.transcript.map((l) => l.direction)).toEqual(['client', 'server', 'server', 'server', 'client']);
    expect(detail.lines).toBe(5);
    // A reply that no longer fits is cut whole, and each of its lines counts as cut.
    record.server(Array.from({ length: 20 }, (_, i) => `250-line ${i}`).join('\r\n'));
    expect(registry.get(record.id)!.detail()).toMatchObject({ transcriptCut: true, cutLines: 20, lines: 6 });
  });

  it('records nothing when off', () => {
    const registry = new SessionRegistry({ mode: 'off', maxSessions: 10, maxTranscript: 1024 });
    const record = registry.open('smtp', 'h', 1, false);
    record.action('received #1', [1]);
    expect(record.id).toBe(0);
    expect(registry.size).toBe(0);
    expect(registry.history(1)).toEqual([]);
  });
});
