// One command's bytes (from the reader, literals inline) -> the tag and a parsed command, by the
// grammar of the command's spec (commands/*.ts). Pure: no I/O, no state.
import { COMMANDS, type Command } from './commands/index.ts';
import type { LiteralLimit, ParsedCommand, SessionData } from './context.ts';
import { bad, ImapError } from './errors.ts';
import { namesInUtf8 } from './mailbox-name.ts';
import { Scanner, type ScannerOptions } from './parse/scanner.ts';

export type ParseResult = { tag: string; parsed: ParsedCommand<Command> } | { tag: string | null; error: ImapError };

const TAG_BYTE = /^[\x21\x23\x24\x26\x27\x2c-\x5b\x5e-\x7a\x7c\x7e\x80-\xff]$/;

/** Reads the tag at the start of a command, or null when there is none worth answering to. */
export function readTag(data: Buffer): string | null {
  let end = 0;
  while (end < data.length && end < 64 && TAG_BYTE.test(String.fromCharCode(data[end]))) end++;
  if (end === 0 || (end < data.length && data[end] !== 0x20)) return null;
  return data.toString('utf8', 0, end);
}

/** `options`: the grammar the session has negotiated (ENABLE IMAP4rev2 changes it). */
export function parseCommand(data: Buffer, options: ScannerOptions = {}): ParseResult {
  const tag = readTag(data);
  if (tag === null || data.length <= tag.length + 1) return { tag, error: bad(tag === null ? 'missing or invalid tag' : 'missing command') };
  const s = new Scanner(data, options);
  s.pos = tag.length + 1;
  try {
    let name = s.keyword();
    let uid = false;
    if (name === 'UID') {
      uid = true;
      s.sp();
      name = s.keyword();
    }
    const spec = COMMANDS.get(name);
    if (uid && !spec?.uidForm) throw bad(`UID ${name} is not a command`);
    if (!spec) throw bad(`unknown command ${name}`);
    const parsed = spec.parse(s, uid);
    s.end();
    return { tag, parsed };
  } catch (err) {
    if (err instanceof ImapError) return { tag, error: err };
    throw err;
  }
}

/** The grammar a session's commands are read by: RFC 3501's, or RFC 9051's once IMAP4rev2 is enabled. */
export function grammarOf(session: Pick<SessionData, 'imap4rev2'>): ScannerOptions {
  return { utf8: namesInUtf8(session), imap4rev2: session.imap4rev2 };
}

/** The literal limit of the command a first line starts (the reader asks before the literal arrives). */
export function literalLimitOf(firstLine: Buffer): LiteralLimit {
  const words = /^\S+ (?:UID )?([A-Za-z]+)/i.exec(firstLine.toString('latin1', 0, 80));
  return (words && COMMANDS.get(words[1].toUpperCase())?.literalLimit) || 'small';
}
