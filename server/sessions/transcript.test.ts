import { describe, expect, it } from 'vitest';
import { Transcript, type TranscriptEntry } from './transcript.ts';

function entries(transcript: Transcript): TranscriptEntry[] {
  return Array.from({ length: transcript.size }, (_, i) => transcript.entry(i));
}

describe('Transcript', () => {
  it('reads every entry the same once sealed: text, time and direction', () => {
    const transcript = new Transcript();
    const added: TranscriptEntry[] = [
      { at: 1_700_000_000_001, direction: 'server', text: '220 ready' },
      { at: 1_700_000_000_002, direction: 'client', text: 'EHLO app' },
      { at: 1_700_000_000_002, direction: 'server', text: '250-hello\r\n250 SIZE 1000' },
      { at: 1_700_000_000_009, direction: 'client', text: '' },
      { at: 1_700_000_000_010, direction: 'client', text: 'naïve ✓ line' },
    ];
    for (const entry of added) transcript.add(entry.direction, entry.at, entry.text);
    expect(entries(transcript)).toEqual(added);
    transcript.seal();
    expect(transcript.size).toBe(added.length);
    expect(entries(transcript)).toEqual(added);
  });

  it('takes no entry once sealed, empty or not', () => {
    const empty = new Transcript();
    empty.seal();
    expect(empty.size).toBe(0);
    expect(() => empty.add('client', 1, 'NOOP')).toThrow(/sealed/);
    const sealed = new Transcript();
    sealed.add('client', 1, 'QUIT');
    sealed.seal();
    expect(() => sealed.add('server', 2, '221 bye')).toThrow(/sealed/);
    expect(entries(sealed)).toEqual([{ at: 1, direction: 'client', text: 'QUIT' }]);
  });
});
