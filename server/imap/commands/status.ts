// STATUS (RFC 3501 6.3.10, RFC 7162 HIGHESTMODSEQ) for the folder as this login sees it.
import { SEEN, type StoredMessage } from '../../store/message.ts';
import { AUTHENTICATED, type CommandSpec } from '../context.ts';
import { encodeValue } from '../encoder.ts';
import { no } from '../errors.ts';
import { encodeMailboxName } from '../mailbox-name.ts';

export const status: CommandSpec<'STATUS'> = {
  names: ['STATUS'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const { store } = ctx.deps;
    const folder = store.getFolder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'NONEXISTENT');
    // Only MESSAGES and UNSEEN need the login's view of the folder; clients poll UIDNEXT alone often.
    let messages: readonly StoredMessage[] | undefined;
    const visible = () => (messages ??= store.folderMessages(folder.name, ctx.session.login ?? undefined));
    const values: Record<(typeof command.items)[number], () => number> = {
      MESSAGES: () => visible().length,
      RECENT: () => 0,
      UIDNEXT: () => store.nextId,
      UIDVALIDITY: () => folder.uidValidity,
      UNSEEN: () => visible().reduce((n, m) => (m.flags.has(SEEN) ? n : n + 1), 0),
      HIGHESTMODSEQ: () => folder.highestModseq,
    };
    const items = command.items.map((item) => `${item} ${values[item]()}`).join(' ');
    ctx.untagged(`STATUS ${encodeValue(encodeMailboxName(folder.name)).toString('utf8')} (${items})`);
  },
};
