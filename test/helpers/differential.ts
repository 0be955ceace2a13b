// Differential IMAP transcripts: one script of commands over several raw connections, played against
// a server, recorded as the lines each command got back, then normalized so that two servers that
// agree on the protocol produce the same text. What is normalized, and why:
// - UIDVALIDITY values become V1, V2... in order of first appearance (each server picks its own);
// - UID sets are written out one by one (`1:3` and `1,2,3` name the same UIDs); the UIDs themselves
//   are compared as they are, since both servers count them per folder from 1;
// - response text after the status or the response code (human-readable, server-specific);
// - CAPABILITY lists and response codes that are a server's own choice (see OPTIONAL_CODES);
// - HIGHESTMODSEQ in SELECT: RFC 7162 lets a server leave it out until CONDSTORE is enabled, as
//   Dovecot does, while mailsandbox always sends it;
// - BADCHARSET's optional list of charsets (RFC 3501 7.1);
// - the space Dovecot leaves after `* THREAD` when no message matched (RFC 5256's grammar has none);
// - the order of flags inside a flag list, and of LIST/LSUB lines in one reply (RFC 3501 leaves both
//   open; so are the STATUS lines of LIST-STATUS), and whether a mailbox name is written as an atom or a
//   quoted string (also when RFC 5258's extended data, CHILDINFO, follows it).
// PREVIEW text has rules of its own, in differential-preview.ts.
import { RawImap } from './imap.ts';

export type Step =
  /**
   * `<connection>: <command>`; the connection logs in when first used. `{UIDNEXT}` in the command is
   * replaced by the last UIDNEXT value that connection was told.
   */
  | string
  /** A command that ends in a literal (APPEND's message, an 8-bit search string), sent with LITERAL+; newlines become CRLF. */
  | { on: string; command: string; literal: string };

export interface Transcript {
  /** One entry per step: the command as sent, then each response line. */
  steps: Array<{ sent: string; lines: string[] }>;
}

/** A raw connection (RawImap) whose tagged replies read `TAG`, so two servers' transcripts compare. */
class Connection {
  readonly #raw: RawImap;
  #tag = 0;

  private constructor(raw: RawImap) {
    this.#raw = raw;
  }

  static async open(port: number): Promise<Connection> {
    return new Connection(await RawImap.connect({ host: '127.0.0.1', port }));
  }

  /** Sends a command (a literal, if any, with LITERAL+) and returns the lines up to its tagged reply. */
  async command(text: string, literal?: string): Promise<string[]> {
    const tag = `d${++this.#tag}`;
    this.#raw.write(literal === undefined ? `${tag} ${text}\r\n` : `${tag} ${text} {${Buffer.byteLength(literal)}+}\r\n${literal}\r\n`);
    const lines = await this.#raw.waitFor((line) => line.startsWith(`${tag} `));
    lines[lines.length - 1] = lines[lines.length - 1].replace(tag, 'TAG');
    return lines;
  }

  close(): void {
    this.#raw.close();
  }
}

/** Plays the steps against the IMAP server on 127.0.0.1:port, every connection logged in as `user`. */
export async function play(port: number, steps: Step[], user: string): Promise<Transcript> {
  const connections = new Map<string, Connection>();
  const transcript: Transcript = { steps: [] };
  const uidNext = new Map<string, string>();
  const connection = async (name: string) => {
    let open = connections.get(name);
    if (!open) {
      open = await Connection.open(port);
      connections.set(name, open);
      await open.command(`LOGIN ${user} any`);
    }
    return open;
  };
  try {
    for (const step of steps) {
      if (typeof step === 'string') {
        const match = /^(\w+): (.*)$/.exec(step);
        if (!match) throw new Error(`bad step ${step}`);
        const command = match[2].replace('{UIDNEXT}', () => uidNext.get(match[1]) ?? '?');
        const lines = await (await connection(match[1])).command(command);
        transcript.steps.push({ sent: step, lines });
        for (const line of lines) {
          const next = /UIDNEXT (\d+)/.exec(line)?.[1];
          if (next) uidNext.set(match[1], next);
        }
      } else {
        const lines = await (await connection(step.on)).command(step.command, step.literal.replace(/\r?\n/g, '\r\n'));
        transcript.steps.push({ sent: `${step.on}: ${step.command} {literal}`, lines });
      }
    }
  } finally {
    for (const open of connections.values()) open.close();
  }
  return transcript;
}

/** Codes each server may add or leave out at will (RFC 5530 and server-specific ones). */
const OPTIONAL_CODES = new Set(['CLIENTBUG', 'SERVERBUG', 'UNAVAILABLE', 'ALREADYEXISTS', 'NONEXISTENT', 'CANNOT', 'EXPUNGEISSUED', 'CAPABILITY', 'HIGHESTMODSEQ', 'NOMODSEQ']);

/** Turns a transcript into text two conforming servers agree on (see the top of this file). */
export function normalize(transcript: Transcript): string {
  const validities = new Map<string, string>();

  const validity = (value: string) => {
    if (!validities.has(value)) validities.set(value, `V${validities.size + 1}`);
    return validities.get(value)!;
  };
  const uids = (set: string) => expand(set).join(',');

  const out: string[] = [];
  for (const { sent, lines } of transcript.steps) {
    const verb = sent.slice(sent.indexOf(':') + 2).split(' ')[0].toUpperCase();

    const replies: string[] = [];
    const listing: string[] = [];
    for (const raw of lines) {
      let line = raw;
      if (/^\* CAPABILITY /.test(line)) continue;
      if (/^\* (LIST|LSUB) /.test(line)) {
        // A name may be sent as an atom or a quoted string: the server's choice.
        listing.push(line.replace(/^(\* \w+ \([^)]*\) \S+ )"([^"\\]*)"/, (_all, head: string, name: string) => `${head}${name}`));
        continue;
      }
      line = line.replace(/^(TAG|\*) (OK|NO|BAD|BYE|PREAUTH)( \[([^\]]*)\])?.*$/, (_all, who: string, status: string, _code, code?: string) => {
        if (code === undefined) return `${who} ${status}`;
        const name = code.split(' ')[0].toUpperCase();
        if (OPTIONAL_CODES.has(name)) return who === '*' ? '' : `${who} ${status}`;
        return `${who} ${status} [${normalizeCode(code)}]`;
      });
      if (line === '') continue;
      if (line === '* THREAD ') line = '* THREAD';
      // Flag lists in any order.
      line = line.replace(/\b(FLAGS|PERMANENTFLAGS) \(([^)]*)\)/g, (_all, item: string, flags: string) => `${item} (${flags.split(' ').filter(Boolean).sort().join(' ')})`);
      if (/^\* SEARCH/.test(line)) line = `* SEARCH ${line.slice(9).split(' ').filter(Boolean).sort().join(' ')}`.trimEnd();
      line = line.replace(/^\* ESEARCH \(TAG "[^"]*"\)( UID)?(.*)$/, (_all, uidForm: string | undefined, rest: string) => {
        // A value is a token or, for ADDTO/REMOVEFROM/PARTIAL (RFC 5267), `(<position or range> <set>)`.
        const items = rest.match(/\([^)]*\)|\S+/g) ?? [];
        const out: string[] = [];
        const numbers = (set: string) => (set === 'NIL' ? set : uids(set));
        for (let i = 0; i + 1 < items.length; i += 2) {
          const [name, value] = [items[i], items[i + 1]];
          if (name === 'MIN' || name === 'MAX' || name === 'ALL') out.push(`${name} ${numbers(value)}`);
          else if (name === 'ADDTO' || name === 'REMOVEFROM' || name === 'PARTIAL') out.push(`${name} ${value.replace(/^\((\S+) (\S+)\)$/, (_m, at: string, set: string) => `(${at} ${numbers(set)})`)}`);
          else out.push(`${name} ${value}`);
        }
        return `* ESEARCH (TAG)${uidForm ?? ''}${out.length ? ` ${out.join(' ')}` : ''}`;
      });
      line = line.replace(/^\* VANISHED( \(EARLIER\))? (\S+)/, (_all, earlier: string | undefined, set: string) => `* VANISHED${earlier ?? ''} ${uids(set)}`);
      line = line.replace(/^\* STATUS (\S+|"[^"]*") \((.*)\)$/, (_all, name: string, items: string) => {
        const folder = unquote(name);
        const pairs: string[] = [];
        const parts = items.split(' ');
        for (let i = 0; i + 1 < parts.length; i += 2) {
          const [item, value] = [parts[i].toUpperCase(), parts[i + 1]];
          if (item === 'HIGHESTMODSEQ') continue;
          pairs.push(`${item} ${item === 'UIDVALIDITY' ? validity(value) : value}`);
        }
        return `* STATUS ${folder} (${pairs.sort().join(' ')})`;
      });
      replies.push(line);
    }
    // LIST-STATUS: the STATUS lines of one LIST reply come in the order of its folders, also open.
    if (verb === 'LIST') replies.splice(0, replies.length, ...replies.filter((line) => line.startsWith('* STATUS')).sort(), ...replies.filter((line) => !line.startsWith('* STATUS')));
    for (const line of listing.sort()) replies.push(line);
    out.push(`${sent}`, ...replies.map((line) => `  ${line}`));

    function normalizeCode(code: string): string {
      const [name, ...args] = code.split(' ');
      switch (name.toUpperCase()) {
        case 'UIDVALIDITY':
          return `UIDVALIDITY ${validity(args[0])}`;
        case 'APPENDUID':
          return `APPENDUID ${validity(args[0])} ${uids(args[1])}`;
        case 'COPYUID':
          return `COPYUID ${validity(args[0])} ${uids(args[1])} ${uids(args[2])}`;
        case 'BADCHARSET':
          return 'BADCHARSET';
        default:
          return code;
      }
    }
  }
  return out.join('\n');
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** "1:3,7" -> [1, 2, 3, 7]; a range as written (3:1 is 1:3). */
function expand(set: string): number[] {
  const values: number[] = [];
  for (const part of set.split(',')) {
    const [a, b] = part.split(':').map(Number);
    if (b === undefined) values.push(a);
    else for (let n = Math.min(a, b); n <= Math.max(a, b); n++) values.push(n);
  }
  return values;
}
