// APPEND (RFC 3501 6.3.11) with APPENDUID (RFC 4315). An address login owns what it appends; a
// catch-all login's message belongs to the addresses in its To/Cc/Bcc headers.
import { createContent } from '../../store/message.ts';
import { defineCommand } from '../context.ts';
import { bad, no } from '../errors.ts';
import { mailbox } from '../parse/arguments.ts';

export interface AppendCommand {
  name: 'APPEND';
  mailbox: string;
  flags: string[];
  date: Date | null;
  message: Buffer;
}

export const append = defineCommand({
  name: 'APPEND',
  access: 'authenticated',
  literalLimit: 'message',
  parse(s): AppendCommand {
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
  handle(ctx, command) {
    const folder = ctx.store.folder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'TRYCREATE');
    if (command.message.length > ctx.deps.config.maxMessageSize) throw no('message too large', 'TOOBIG');
    // The literal is a slice of the command's buffer: keep a copy of just the message.
    const content = createContent(Buffer.from(command.message));
    const { meta } = content;
    const recipients = ctx.login.address ? [ctx.login.address] : [...meta.to, ...meta.cc, ...meta.bcc].map((a) => a.address.toLowerCase());
    const message = ctx.store.add(
      content,
      { mailFrom: meta.from?.address ?? '', rcptTo: recipients },
      {
        folder: folder.name,
        flags: command.flags.filter((flag) => flag.toUpperCase() !== '\\RECENT'),
        receivedAt: command.date ?? new Date(),
        owners: recipients,
      },
    );
    ctx.deps.metrics?.received();
    return { code: `APPENDUID ${folder.uidValidity} ${message.id}`, text: 'APPEND completed' };
  },
});
