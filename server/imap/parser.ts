// One command's bytes (from the reader, literals inline) -> a typed Command. Pure: no I/O, no state.
import type { Command, QresyncParameters, StatusItem, StoreMode } from './command.ts';
import { STATUS_ITEMS } from './command.ts';
import { bad, ImapError } from './errors.ts';
import { decodeMailboxName } from './mailbox-name.ts';
import { parseFetchAttributes } from './parse/fetch-attributes.ts';
import { Scanner } from './parse/scanner.ts';
import type { SequenceSet } from './syntax.ts';
import { parseSearch } from './parse/search-keys.ts';

export type ParseResult = { tag: string; command: Command } | { tag: string | null; error: ImapError };

const TAG_BYTE = /^[\x21\x23\x24\x26\x27\x2c-\x5b\x5e-\x7a\x7c\x7e\x80-\xff]$/;

/** Reads the tag at the start of a command, or null when there is none worth answering to. */
export function readTag(data: Buffer): string | null {
  let end = 0;
  while (end < data.length && end < 64 && TAG_BYTE.test(String.fromCharCode(data[end]))) end++;
  if (end === 0 || (end < data.length && data[end] !== 0x20)) return null;
  return data.toString('utf8', 0, end);
}

export function parseCommand(data: Buffer): ParseResult {
  const tag = readTag(data);
  if (tag === null || data.length <= tag.length + 1) return { tag, error: bad(tag === null ? 'missing or invalid tag' : 'missing command') };
  const s = new Scanner(data);
  s.pos = tag.length + 1;
  try {
    let name = s.keyword();
    let uid = false;
    if (name === 'UID') {
      uid = true;
      s.sp();
      name = s.keyword();
      if (!UID_COMMANDS.has(name)) throw bad(`UID ${name} is not a command`);
    }
    const parse = ARGUMENTS[name];
    if (!parse) throw bad(`unknown command ${name}`);
    const command = parse(s, uid);
    s.end();
    return { tag, command };
  } catch (err) {
    if (err instanceof ImapError) return { tag, error: err };
    throw err;
  }
}

const UID_COMMANDS = new Set(['FETCH', 'SEARCH', 'STORE', 'COPY', 'MOVE', 'EXPUNGE']);

const mailbox = (s: Scanner) => decodeMailboxName(s.astring());

/** A command that takes nothing. */
const bare =
  <N extends Command['name']>(name: N) =>
  () =>
    ({ name }) as Command;

const oneMailbox = (name: 'CREATE' | 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE') => (s: Scanner): Command => {
  s.sp();
  return { name, mailbox: mailbox(s) };
};

const ARGUMENTS: Record<string, (s: Scanner, uid: boolean) => Command> = {
  CAPABILITY: bare('CAPABILITY'),
  NOOP: bare('NOOP'),
  LOGOUT: bare('LOGOUT'),
  STARTTLS: bare('STARTTLS'),
  NAMESPACE: bare('NAMESPACE'),
  CHECK: bare('CHECK'),
  CLOSE: bare('CLOSE'),
  UNSELECT: bare('UNSELECT'),
  IDLE: bare('IDLE'),
  LOGIN(s) {
    s.sp();
    const user = s.astring();
    s.sp();
    return { name: 'LOGIN', user, password: s.astring() };
  },
  AUTHENTICATE(s) {
    s.sp();
    const mechanism = s.keyword();
    let initialResponse: string | null = null;
    if (s.maybeSp()) initialResponse = s.at('=') ? (s.pos++, '') : s.atom();
    return { name: 'AUTHENTICATE', mechanism, initialResponse };
  },
  SELECT: (s) => select('SELECT', s),
  EXAMINE: (s) => select('EXAMINE', s),
  CREATE: oneMailbox('CREATE'),
  DELETE: oneMailbox('DELETE'),
  SUBSCRIBE: oneMailbox('SUBSCRIBE'),
  UNSUBSCRIBE: oneMailbox('UNSUBSCRIBE'),
  RENAME(s) {
    s.sp();
    const from = mailbox(s);
    s.sp();
    return { name: 'RENAME', from, to: mailbox(s) };
  },
  LIST(s) {
    s.sp();
    let selectSubscribed = false;
    let selectSpecialUse = false;
    if (s.at('(')) {
      // LIST-EXTENDED selection options, accepted for clients that send them anyway.
      for (const option of s.list(() => s.keyword())) {
        if (option === 'SUBSCRIBED') selectSubscribed = true;
        if (option === 'SPECIAL-USE') selectSpecialUse = true;
      }
      s.sp();
    }
    const reference = decodeMailboxName(s.astring());
    s.sp();
    const patterns = s.at('(') ? s.list(() => listPattern(s)) : [listPattern(s)];
    let returnSubscribed = selectSubscribed;
    if (s.maybeSp()) {
      if (!s.word('RETURN')) throw bad('expected RETURN');
      s.sp();
      if (s.list(() => returnOption(s)).includes('SUBSCRIBED')) returnSubscribed = true;
    }
    return { name: 'LIST', reference, patterns, selectSubscribed, selectSpecialUse, returnSubscribed };
  },
  LSUB(s) {
    s.sp();
    const reference = decodeMailboxName(s.astring());
    s.sp();
    return { name: 'LSUB', reference, patterns: [listPattern(s)] };
  },
  STATUS(s) {
    s.sp();
    const name = mailbox(s);
    s.sp();
    const items = s.list(() => {
      const item = s.keyword();
      if (!STATUS_ITEMS.includes(item as StatusItem)) throw bad(`unknown STATUS item ${item}`);
      return item as StatusItem;
    });
    return { name: 'STATUS', mailbox: name, items };
  },
  APPEND(s) {
    s.sp();
    const name = mailbox(s);
    s.sp();
    let flags: string[] = [];
    let date: Date | null = null;
    if (s.at('(')) {
      flags = s.list(() => s.flag());
      s.sp();
    }
    if (s.at('"')) {
      date = s.dateTime();
      s.sp();
    }
    if (!s.at('{')) throw bad('APPEND needs the message as a literal');
    return { name: 'APPEND', mailbox: name, flags, date, message: s.stringBytes() };
  },
  ID(s) {
    s.sp();
    if (s.word('NIL')) return { name: 'ID', parameters: null };
    const flat = s.list(() => s.nstring());
    if (flat.length % 2) throw bad('ID takes field/value pairs');
    const parameters: Array<[string, string | null]> = [];
    for (let i = 0; i < flat.length; i += 2) parameters.push([flat[i] ?? '', flat[i + 1]]);
    return { name: 'ID', parameters };
  },
  ENABLE(s) {
    const capabilities: string[] = [];
    while (s.maybeSp()) capabilities.push(s.keyword());
    if (!capabilities.length) throw bad('ENABLE needs a capability');
    return { name: 'ENABLE', capabilities };
  },
  EXPUNGE(s, uid) {
    if (!uid) return { name: 'EXPUNGE', uid, set: null };
    s.sp();
    return { name: 'EXPUNGE', uid, set: s.sequenceSet() };
  },
  SEARCH(s, uid) {
    s.sp();
    return { name: 'SEARCH', uid, key: parseSearch(s) };
  },
  FETCH(s, uid) {
    s.sp();
    const set = s.sequenceSet();
    s.sp();
    const attributes = parseFetchAttributes(s);
    let changedSince: number | null = null;
    let vanished = false;
    if (s.maybeSp()) {
      s.list(() => {
        if (s.word('VANISHED')) vanished = true;
        else changedSince = fetchModifier(s);
      });
    }
    // RFC 7162 3.2.6: VANISHED only in UID FETCH, and only with CHANGEDSINCE.
    if (vanished && (!uid || changedSince === null)) throw bad('VANISHED needs UID FETCH with CHANGEDSINCE');
    return { name: 'FETCH', uid, set, attributes, changedSince, vanished };
  },
  STORE(s, uid) {
    s.sp();
    const set = s.sequenceSet();
    s.sp();
    let unchangedSince: number | null = null;
    if (s.at('(')) {
      s.pos++;
      if (!s.word('UNCHANGEDSINCE')) throw bad('unknown STORE modifier');
      s.sp();
      unchangedSince = s.modseq();
      s.expect(')');
      s.sp();
    }
    const item = s.keyword();
    const match = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
    if (!match) throw bad(`unknown STORE item ${item}`);
    s.sp();
    const flags = s.at('(') ? s.list(() => s.flag()) : spaceSeparated(s, () => s.flag());
    const mode: StoreMode = match[1] === '+' ? 'add' : match[1] === '-' ? 'remove' : 'replace';
    return { name: 'STORE', uid, set, mode, silent: Boolean(match[2]), flags, unchangedSince };
  },
  COPY: (s, uid) => copyOrMove('COPY', s, uid),
  MOVE: (s, uid) => copyOrMove('MOVE', s, uid),
};

function select(name: 'SELECT' | 'EXAMINE', s: Scanner): Command {
  s.sp();
  const box = mailbox(s);
  let condstore = false;
  let qresync: QresyncParameters | null = null;
  if (s.maybeSp()) {
    s.list(() => {
      const parameter = s.keyword();
      if (parameter === 'CONDSTORE') condstore = true;
      else if (parameter === 'QRESYNC') qresync = qresyncParameters(s);
      else throw bad(`unknown ${name} parameter ${parameter}`);
    });
  }
  return { name, mailbox: box, condstore, qresync };
}

function qresyncParameters(s: Scanner): QresyncParameters {
  s.sp();
  s.expect('(');
  const uidValidity = s.nzNumber();
  s.sp();
  const modseq = s.modseq();
  let knownUids: SequenceSet | null = null;
  if (s.maybeSp() && !s.at('(')) {
    knownUids = s.sequenceSet();
    s.maybeSp();
  }
  if (s.at('(')) {
    s.pos++;
    s.sequenceSet();
    s.sp();
    s.sequenceSet();
    s.expect(')');
  }
  s.expect(')');
  return { uidValidity, modseq, knownUids };
}

function copyOrMove(name: 'COPY' | 'MOVE', s: Scanner, uid: boolean): Command {
  s.sp();
  const set = s.sequenceSet();
  s.sp();
  return { name, uid, set, mailbox: mailbox(s) };
}

function listPattern(s: Scanner): string {
  return decodeMailboxName(s.astring('list-mailbox'));
}

function returnOption(s: Scanner): string {
  const option = s.keyword();
  // RETURN (STATUS (...)) belongs to LIST-STATUS, which is not offered.
  if (option === 'STATUS') throw bad('LIST-STATUS is not supported');
  return option;
}

function fetchModifier(s: Scanner): number {
  if (!s.word('CHANGEDSINCE')) throw bad('unknown FETCH modifier');
  s.sp();
  return s.modseq();
}

function spaceSeparated<T>(s: Scanner, item: () => T): T[] {
  const items = [item()];
  while (s.maybeSp()) items.push(item());
  return items;
}
