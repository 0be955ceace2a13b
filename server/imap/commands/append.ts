// APPEND (RFC 3501 6.3.11) with APPENDUID (RFC 4315), several messages in one command (MULTIAPPEND,
// RFC 3502), a message sent as literal8 (RFC 3516) and the UTF8 data item (RFC 6855 4). MULTIAPPEND
// is all or nothing: every message is checked before the first is stored, so a refusal keeps none.
// An address login owns what it appends; a catch-all login's message belongs to the addresses in
// its To/Cc/Bcc headers.
import { createContent } from '../../store/message.ts';
import { defineCommand } from '../context.ts';
import { bad, no } from '../errors.ts';
import { mailbox } from '../parse/arguments.ts';
import type { Scanner } from '../parse/scanner.ts';
import { formatSequenceSet } from '../sequence.ts';

/** One message of an APPEND. */
export interface AppendMessage {
  flags: string[];
  date: Date | null;
  message: Buffer;
  /** Sent as `UTF8 (~{n} ...)` (RFC 6855): only once UTF8=ACCEPT is enabled. */
  utf8: boolean;
}

export interface AppendCommand {
  name: 'APPEND';
  mailbox: string;
  messages: AppendMessage[];
}

/** More messages than this in one APPEND is refused: each costs a store entry and an event. */
const MAX_MESSAGES = 1000;

export const append = defineCommand({
  name: 'APPEND',
  access: 'authenticated',
  literalLimit: 'message',
  parse(s): AppendCommand {
    s.sp();
    const name = mailbox(s);
    const messages: AppendMessage[] = [];
    do {
      s.sp();
      messages.push(appendMessage(s));
    } while (!s.done);
    return { name: 'APPEND', mailbox: name, messages };
  },
  handle(ctx, command) {
    const { messages } = command;
    if (messages.some((m) => m.utf8) && !ctx.session.utf8) throw bad('APPEND UTF8 needs ENABLE UTF8=ACCEPT first');
    const folder = ctx.store.folder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'TRYCREATE');
    if (messages.length > MAX_MESSAGES) throw no(`at most ${MAX_MESSAGES} messages in one APPEND`, 'LIMIT');
    const max = ctx.deps.config.maxMessageSize;
    messages.forEach((m, i) => {
      if (!m.message.length) throw no(`message ${i + 1} is empty; none stored`);
      if (m.message.length > max) throw no(`message ${i + 1} too large (${max} bytes allowed); none stored`, 'TOOBIG');
    });
    // Every message is read before the first is stored, so none can fail halfway through.
    // The literal is a slice of the command's buffer: keep a copy of just the message.
    const contents = messages.map((m) => createContent(Buffer.from(m.message)));
    const uids = messages.map((m, i) => {
      const content = contents[i];
      const { meta } = content;
      const recipients = ctx.login.address ? [ctx.login.address] : [...meta.to, ...meta.cc, ...meta.bcc].map((a) => a.address.toLowerCase());
      const message = ctx.store.add(
        content,
        { mailFrom: meta.from?.address ?? '', rcptTo: recipients },
        {
          folder: folder.name,
          flags: m.flags.filter((flag) => flag.toUpperCase() !== '\\RECENT'),
          receivedAt: m.date ?? new Date(),
          owners: recipients,
        },
      );
      ctx.deps.metrics?.received();
      ctx.record.action(`appended #${message.id} to ${folder.name}`, [message.id]);
      return message.uid;
    });
    return { code: `APPENDUID ${folder.uidValidity} ${formatSequenceSet(uids)}`, text: 'APPEND completed' };
  },
});

/** `[flag-list SP] [date-time SP] (literal / literal8 / "UTF8" SP "(" literal8 ")")`. */
function appendMessage(s: Scanner): AppendMessage {
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
  if (s.word('UTF8')) {
    s.sp();
    s.expect('(');
    if (!s.atLiteral8()) throw bad('APPEND UTF8 takes the message as a literal8 (~{n})');
    const message = s.messageBytes();
    s.expect(')');
    return { flags, date, message, utf8: true };
  }
  if (!s.at('{') && !s.atLiteral8()) throw bad('APPEND needs the message as a literal');
  return { flags, date, message: s.messageBytes(), utf8: false };
}
