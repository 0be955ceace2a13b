// APPEND (RFC 3501 6.3.11) with APPENDUID (RFC 4315). An address login owns what it appends; a
// catch-all login's message belongs to the addresses in its To/Cc/Bcc headers.
import { createContent } from '../../store/message.ts';
import { AUTHENTICATED, type CommandSpec } from '../context.ts';
import { no } from '../errors.ts';

export const append: CommandSpec<'APPEND'> = {
  names: ['APPEND'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const { store, config } = ctx.deps;
    const folder = store.getFolder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'TRYCREATE');
    if (command.message.length > config.maxMessageSize) throw no('message too large', 'TOOBIG');
    // The literal is a slice of the command's buffer: keep a copy of just the message.
    const content = createContent(Buffer.from(command.message));
    const { meta } = content;
    const address = ctx.session.login?.address ?? null;
    const recipients = address ? [address] : [...meta.to, ...meta.cc, ...meta.bcc].map((a) => a.address.toLowerCase());
    const message = store.add(
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
};
