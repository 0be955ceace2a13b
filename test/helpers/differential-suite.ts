// One differential suite: a describe block with a Dovecot of its own (one Maildir per login) and
// `compare`, which plays the steps against a fresh mailsandbox and a fresh Dovecot login and
// requires the normalized transcripts to be identical. Skipped, with the reason, when Dovecot is
// not installed.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { DOVECOT_BINARY, startDovecot, type RunningDovecot } from '../../bench/dovecot.ts';
import { normalize, play, type Step, type Transcript } from './differential.ts';
import { startSandbox } from './sandbox.ts';

const haveDovecot = existsSync(DOVECOT_BINARY);
const skipReason = `skipped: ${DOVECOT_BINARY} is not installed (apt-get install dovecot-imapd)`;

export type Compare = (steps: Step[]) => Promise<void>;

export function describeAgainstDovecot(title: string, body: (compare: Compare) => void, normalizeWith: (transcript: Transcript) => string = normalize): void {
  if (!haveDovecot) console.warn(`${title}: ${skipReason}`);
  let dovecot: RunningDovecot;
  let logins = 0;
  const compare: Compare = async (steps) => {
    const sandbox = await startSandbox();
    try {
      const ours = normalizeWith(await play(sandbox.imap!.port, steps, 'tester'));
      const theirs = normalizeWith(await play(dovecot.imapPort, steps, `tester${++logins}`));
      expect(ours).toBe(theirs);
    } finally {
      await sandbox.close();
    }
  };
  describe.skipIf(!haveDovecot)(`${title}${haveDovecot ? '' : ` (${skipReason})`}`, () => {
    beforeAll(async () => {
      dovecot = await startDovecot({ messages: [], envelopes: [], expected: { subject: 0, body: 0 } }, { mail: 'per-login' });
    });
    afterAll(async () => {
      await dovecot?.stop();
    });
    body(compare);
  });
}
