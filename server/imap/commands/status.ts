// STATUS (RFC 3501 6.3.10, RFC 7162 HIGHESTMODSEQ) for the folder as this login sees it.
import { CATCH_ALL, SEEN, type StoredMessage } from '../../store/message.ts';
import { AUTHENTICATED, type CommandSpec } from '../context.ts';
import { encodeValue } from '../encoder.ts';
import { no } from '../errors.ts';
import { encodeMailboxName } from '../mailbox-name.ts';
import { claimedUpTo } from '../recent.ts';

export const status: CommandSpec<'STATUS'> = {
  names: ['STATUS'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const { store } = ctx.deps;
    const folder = store.getFolder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'NONEXISTENT');
    const login = ctx.session.login ?? CATCH_ALL;
    // Only MESSAGES, RECENT and UNSEEN need the login's view of the folder; clients poll UIDNEXT alone often.
    let messages: readonly StoredMessage[] | undefined;
    const visible = () => (messages ??= store.folderMessages(folder.name, login));
    const values: Record<(typeof command.items)[number], () => number> = {
      MESSAGES: () => visible().length,
      RECENT: () => unclaimed(visible(), claimedUpTo(store, folder.name, login)),
      UIDNEXT: () => store.uidNext(folder),
      UIDVALIDITY: () => folder.uidValidity,
      UNSEEN: () => visible().reduce((n, m) => (m.flags.has(SEEN) ? n : n + 1), 0),
      HIGHESTMODSEQ: () => folder.highestModseq,
    };
    const items = command.items.map((item) => `${item} ${values[item]()}`).join(' ');
    ctx.untagged(`STATUS ${encodeValue(encodeMailboxName(folder.name)).toString('utf8')} (${items})`);
  },
};

/** How many messages (ascending ids) lie above the mark: those the next SELECT will see as \Recent. */
function unclaimed(messages: readonly StoredMessage[], mark: number): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i].id > mark; i--) count++;
  return count;
}
