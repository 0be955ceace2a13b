// Differential IMAP transcripts: one script of commands over several raw connections, played against
// a server, recorded as the lines each command got back, then normalized so that two servers that
// agree on the protocol produce the same text. What is normalized, and why:
// - UIDVALIDITY values become V1, V2... in order of first appearance (each server picks its own);
// - UIDs become <folder>#1, <folder>#2... per folder in order of first appearance, wherever they
//   appear (FETCH UID, UID SEARCH, UIDNEXT, APPENDUID, COPYUID, VANISHED): mailsandbox's UIDs are
//   its global message ids, Dovecot's count per folder. Ranges are expanded first. A UIDNEXT that
//   predicted the UID an APPEND or COPY then got is the same token as that UID;
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
  const folderOfValidity = new Map<string, string>();
  const uidTokens = new Map<string, Map<number, string>>();
  const selected = new Map<string, string>();

  const validity = (value: string) => {
    if (!validities.has(value)) validities.set(value, `V${validities.size + 1}`);
    return validities.get(value)!;
  };
  const uid = (folder: string, value: number) => {
    let tokens = uidTokens.get(folder);
    if (!tokens) uidTokens.set(folder, (tokens = new Map()));
    if (!tokens.has(value)) tokens.set(value, `${folder}#${tokens.size + 1}`);
    return tokens.get(value)!;
  };
  const uids = (folder: string, set: string) => expand(set).map((value) => uid(folder, value)).join(',');

  const out: string[] = [];
  for (const { sent, lines } of transcript.steps) {
    const [connection, command] = [sent.slice(0, sent.indexOf(':')), sent.slice(sent.indexOf(':') + 2)];
    const verb = command.split(' ')[0].toUpperCase();
    const argument = unquote(command.split(' ')[1] ?? '');
    const isUid = verb === 'UID';
    const here = selected.get(connection) ?? '';
    const ok = /^TAG OK/.test(lines[lines.length - 1]);
    if ((verb === 'SELECT' || verb === 'EXAMINE') && ok) selected.set(connection, argument);
    if ((verb === 'SELECT' || verb === 'EXAMINE') && !ok) selected.delete(connection);
    if (verb === 'CLOSE' || verb === 'UNSELECT') selected.delete(connection);
    const folderForSelectCodes = verb === 'SELECT' || verb === 'EXAMINE' ? argument : here;

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
      // FETCH: UID items, and flag lists in any order.
      line = line.replace(/^(\* \d+ FETCH \()(.*)$/, (_all, head: string, rest: string) => head + rest.replace(/\bUID (\d+)/, (_m, n: string) => `UID ${uid(here, Number(n))}`));
      line = line.replace(/\b(FLAGS|PERMANENTFLAGS) \(([^)]*)\)/g, (_all, item: string, flags: string) => `${item} (${flags.split(' ').filter(Boolean).sort().join(' ')})`);
      if (isUid && /^\* SEARCH/.test(line)) line = line.replace(/\d+/g, (n) => uid(here, Number(n)));
      if (/^\* SEARCH/.test(line)) line = `* SEARCH ${line.slice(9).split(' ').filter(Boolean).sort().join(' ')}`.trimEnd();
      line = line.replace(/^\* ESEARCH \(TAG "[^"]*"\)( UID)?(.*)$/, (_all, uidForm: string | undefined, rest: string) => {
        // A value is a token or, for ADDTO/REMOVEFROM/PARTIAL (RFC 5267), `(<position or range> <set>)`.
        const items = rest.match(/\([^)]*\)|\S+/g) ?? [];
        const out: string[] = [];
        const numbers = (set: string) => (set === 'NIL' ? set : uidForm ? uids(here, set) : expand(set).join(','));
        for (let i = 0; i + 1 < items.length; i += 2) {
          const [name, value] = [items[i], items[i + 1]];
          if (name === 'MIN' || name === 'MAX' || name === 'ALL') out.push(`${name} ${numbers(value)}`);
          else if (name === 'ADDTO' || name === 'REMOVEFROM' || name === 'PARTIAL') out.push(`${name} ${value.replace(/^\((\S+) (\S+)\)$/, (_m, at: string, set: string) => `(${at} ${numbers(set)})`)}`);
          else out.push(`${name} ${value}`);
        }
        return `* ESEARCH (TAG)${uidForm ?? ''}${out.length ? ` ${out.join(' ')}` : ''}`;
      });
      line = line.replace(/^\* VANISHED( \(EARLIER\))? (\S+)/, (_all, earlier: string | undefined, set: string) => `* VANISHED${earlier ?? ''} ${uids(here, set)}`);
      line = line.replace(/^\* STATUS (\S+|"[^"]*") \((.*)\)$/, (_all, name: string, items: string) => {
        const folder = unquote(name);
        const pairs: string[] = [];
        const parts = items.split(' ');
        for (let i = 0; i + 1 < parts.length; i += 2) {
          const [item, value] = [parts[i].toUpperCase(), parts[i + 1]];
          if (item === 'UIDVALIDITY') folderOfValidity.set(value, folder);
          if (item === 'HIGHESTMODSEQ') continue;
          pairs.push(`${item} ${item === 'UIDVALIDITY' ? validity(value) : item === 'UIDNEXT' ? uid(folder, Number(value)) : value}`);
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
          folderOfValidity.set(args[0], folderForSelectCodes);
          return `UIDVALIDITY ${validity(args[0])}`;
        case 'UIDNEXT':
          return `UIDNEXT ${uid(folderForSelectCodes, Number(args[0]))}`;
        case 'APPENDUID':
          if (verb === 'APPEND') folderOfValidity.set(args[0], argument);
          return `APPENDUID ${validity(args[0])} ${uids(folderOfValidity.get(args[0]) ?? '?', args[1])}`;
        case 'COPYUID':
          return `COPYUID ${validity(args[0])} ${uids(here, args[1])} ${uids(folderOfValidity.get(args[0]) ?? '?', args[2])}`;
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
