// The line fuzzer of the hardening tests and of bench/fuzz.ts: seeded random and mutated command
// lines fed into live SMTP, IMAP and POP3 sessions over loopback. Each session sends its lines and a
// terminator that ends whatever state they left open, then must end (QUIT/LOGOUT or a closing
// refusal) within a bound: a hang or a crash fails the run. Replies are tallied per protocol.
// The sessions log in as FUZZ_LOGIN, an address login that sees only its own mail, so a sandbox
// that requires that password (and another for its normal clients) keeps their mail out of reach.
import { connect } from 'node:net';
import { lineFuzzer } from './fuzz.ts';

export type FuzzProtocol = 'smtp' | 'imap' | 'pop3';

export const FUZZ_LOGIN = { user: 'fuzz@fuzz.example', password: 'x' };

export interface FuzzTally {
  lines: number;
  sessions: number;
  /** Final reply lines (SMTP `NNN `, IMAP tagged, POP3 status lines): lines the server answered. */
  replies: number;
  /** Replies that refuse a line: SMTP 4xx/5xx, IMAP BAD/NO, POP3 -ERR. */
  refusals: number;
  /** Replies that say the server failed, which must never appear. */
  internalErrors: number;
}

const SEEDS: Record<FuzzProtocol, string[]> = {
  smtp: [
    'EHLO fuzz.example.com', 'HELO fuzz', 'MAIL FROM:<a@example.com> SIZE=100', 'MAIL FROM:<>', 'RCPT TO:<b@example.com>',
    'RCPT TO:<"quoted local"@example.com> NOTIFY=NEVER', 'DATA', 'Subject: fuzz', 'body line', '.', '..dot', 'RSET', 'NOOP',
    'VRFY someone', 'HELP', 'AUTH PLAIN AGZ1enoAeA==', 'AUTH LOGIN', 'ZnV6eg==', 'STARTTLS', 'BDAT 10 LAST', 'XCLIENT ADDR=1.2.3.4',
  ],
  imap: [
    'a LOGIN fuzz@fuzz.example x', 'a SELECT INBOX (CONDSTORE)', 'a EXAMINE "Drafts"', 'a FETCH 1:* (FLAGS UID ENVELOPE BODYSTRUCTURE)',
    'a UID FETCH 1:* (BODY.PEEK[1.HEADER.FIELDS (From To)]<0.100> RFC822.SIZE) (CHANGEDSINCE 1)',
    'a SEARCH CHARSET UTF-8 OR FROM x (SUBJECT "y z" UNSEEN) NOT SINCE 1-Feb-1994', 'a UID SEARCH HEADER X-A {3+}\r\nabc LARGER 10',
    'a STORE 1:2 +FLAGS.SILENT (\\Seen $Work)', 'a UID STORE 1:* (UNCHANGEDSINCE 99) -FLAGS (\\Deleted)', 'a COPY 1 Trash',
    'a UID MOVE 1:3 Archive', 'a APPEND Drafts (\\Draft) "05-Jan-2024 10:20:30 +0100" {12+}\r\nSubject: x\r\n',
    'a LIST (SPECIAL-USE) "" ("*" %) RETURN (CHILDREN)', 'a STATUS INBOX (MESSAGES UIDNEXT UNSEEN HIGHESTMODSEQ)',
    'a CREATE "Fuzz/Box"', 'a RENAME Fuzz/Box Fuzz/Other', 'a ID ("name" "fuzz")', 'a ENABLE CONDSTORE',
    'a AUTHENTICATE PLAIN AGEAYg==', 'a UID EXPUNGE 1:2', 'a IDLE', 'DONE', 'a NOOP', 'a NAMESPACE',
  ],
  pop3: [
    'USER fuzz@fuzz.example', 'USER alice@example.com', 'PASS x', 'PASS secret words', 'APOP fuzz 0123456789abcdef0123456789abcdef', 'AUTH PLAIN AGZ1enoAeA==',
    'AUTH PLAIN', 'AGZ1enoAeA==', 'CAPA', 'STLS', 'STAT', 'LIST', 'LIST 2', 'UIDL', 'UIDL 1', 'RETR 1', 'TOP 2 3', 'DELE 3', 'RSET', 'NOOP',
  ],
};

const ALPHABET: Record<FuzzProtocol, string> = {
  smtp: ' <>:@."=\\0123456789abcXYZ\r\n\t\x00\xff',
  imap: ' ()[]<>{}"\\*%:,.+-~0123456789abcXYZ\r\n\x00\xff',
  pop3: ' 0123456789abcXYZ=+/*.-\r\n\t\x00\xff',
};

/** Ends what a session's lines may have left open (DATA, a literal, IDLE, a SASL exchange), then leaves. */
const TERMINATOR: Record<FuzzProtocol, string> = {
  smtp: '\r\n.\r\n*\r\nQUIT\r\n',
  imap: `${'x'.repeat(70 * 1024)}\r\nDONE\r\n*\r\nz LOGOUT\r\n`,
  pop3: '*\r\nQUIT\r\n',
};

// smtp-server hangs up after 10 unrecognized commands, and POP3 after 20 bad ones: short sessions
// keep most lines answered rather than sent after the server stopped listening.
const LINES_PER_SESSION: Record<FuzzProtocol, number> = { smtp: 12, imap: 200, pop3: 16 };
const SESSION_LIMIT_MS = 15_000;

const REPLY: Record<FuzzProtocol, RegExp> = { smtp: /^\d\d\d /gm, imap: /^[^*+\s]\S* (OK|NO|BAD) /gm, pop3: /^(\+OK|-ERR)/gm };
const REFUSAL: Record<FuzzProtocol, RegExp> = { smtp: /^[45]\d\d[ -]/gm, imap: /^\S+ (BAD|NO) /gm, pop3: /^-ERR/gm };
const INTERNAL: Record<FuzzProtocol, RegExp> = { smtp: /^451 .*Local error/gm, imap: /SERVERBUG|internal server error/gi, pop3: /internal/gi };

function session(port: number, payload: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      const said = Buffer.concat(chunks).toString('latin1').slice(-300);
      reject(new Error(`a fuzz session did not end within ${SESSION_LIMIT_MS} ms: ...${said}\nafter sending: ${JSON.stringify(payload.toString('latin1').slice(0, 2000))}`));
    }, SESSION_LIMIT_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may hang up mid-write (too many bad commands): that is an end, not a failure.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    // Not end(): smtp-server stops reading pipelined commands once the client's FIN arrives.
    socket.write(payload);
  });
}

/** Feeds `lines` fuzz lines into sessions on `port`, `parallel` sessions at a time. */
export async function fuzzSessions(protocol: FuzzProtocol, port: number, lines: number, seed: number, parallel = 4): Promise<FuzzTally> {
  const gen = lineFuzzer({ seed, seeds: SEEDS[protocol], alphabet: ALPHABET[protocol], edits: { min: 0, spread: 4 }, splice: (line) => ' ' + line });
  const tally: FuzzTally = { lines: 0, sessions: 0, replies: 0, refusals: 0, internalErrors: 0 };
  const perSession = LINES_PER_SESSION[protocol];
  const { user, password } = FUZZ_LOGIN;
  const login = { smtp: [] as string[], imap: [`l LOGIN ${user} ${password}`, 's SELECT INBOX'], pop3: [`USER ${user}`, `PASS ${password}`] }[protocol];
  const worker = async () => {
    while (tally.lines < lines) {
      const batch = Array.from({ length: Math.min(perSession, lines - tally.lines) }, () => gen.line().replace(/LOGOUT|QUIT/gi, 'NOOP'));
      tally.lines += batch.length;
      const opening = gen.random() < 0.6 ? login : [];
      const said = await session(port, Buffer.from([...opening, ...batch].map((l) => l + '\r\n').join('') + TERMINATOR[protocol], 'latin1'));
      tally.sessions++;
      tally.replies += said.match(REPLY[protocol])?.length ?? 0;
      tally.refusals += said.match(REFUSAL[protocol])?.length ?? 0;
      tally.internalErrors += said.match(INTERNAL[protocol])?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return tally;
}
