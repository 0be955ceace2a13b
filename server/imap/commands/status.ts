// STATUS (RFC 3501 6.3.10, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 7889 APPENDLIMIT) for the folder
// as this login sees it.
// IMAP4rev2 (RFC 9051 6.3.11) adds DELETED and drops RECENT; each grammar refuses the other's item.
import { DELETED, SEEN, type StoredMessage } from '../../store/message.ts';
import type { Folder } from '../../store/login.ts';
import { defineCommand, type AuthenticatedContext } from '../context.ts';
import { encodeString } from '../encoder.ts';
import { bad, no } from '../errors.ts';
import { wireMailboxName } from '../mailbox-name.ts';
import { mailbox } from '../parse/arguments.ts';
import type { Scanner } from '../parse/scanner.ts';
import { claimedUpTo } from '../recent.ts';

export type StatusItem = 'MESSAGES' | 'RECENT' | 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN' | 'DELETED' | 'HIGHESTMODSEQ' | 'SIZE' | 'APPENDLIMIT';

const IMAP4REV1_ITEMS: readonly StatusItem[] = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ', 'SIZE', 'APPENDLIMIT'];
const IMAP4REV2_ITEMS: readonly StatusItem[] = ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'HIGHESTMODSEQ', 'SIZE', 'APPENDLIMIT'];

export interface StatusCommand {
  name: 'STATUS';
  mailbox: string;
  items: StatusItem[];
}

export const status = defineCommand({
  name: 'STATUS',
  access: 'authenticated',
  parse(s): StatusCommand {
    s.sp();
    const name = mailbox(s);
    s.sp();
    return { name: 'STATUS', mailbox: name, items: statusItems(s) };
  },
  handle(ctx, command) {
    const folder = ctx.store.folder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'NONEXISTENT');
    writeStatus(ctx, folder, command.items);
  },
});

/** A parenthesized list of STATUS items, as STATUS and LIST's RETURN (STATUS ...) take it. */
export function statusItems(s: Scanner): StatusItem[] {
  const known = s.imap4rev2 ? IMAP4REV2_ITEMS : IMAP4REV1_ITEMS;
  return s.list(() => {
    const item = s.keyword();
    if (!known.includes(item as StatusItem)) throw bad(`unknown STATUS item ${item}${s.imap4rev2 && item === 'RECENT' ? ' (not in IMAP4rev2)' : ''}`);
    return item as StatusItem;
  });
}

/** One `* STATUS` line for the folder as this login sees it. */
export function writeStatus(ctx: AuthenticatedContext, folder: Folder, items: readonly StatusItem[]): void {
  const { store } = ctx;
  // Only MESSAGES, RECENT, UNSEEN, DELETED and SIZE need the login's view of the folder; clients poll UIDNEXT alone often.
  let messages: readonly StoredMessage[] | undefined;
  const visible = () => (messages ??= store.folderMessages(folder));
  const values: Record<StatusItem, () => number> = {
    MESSAGES: () => visible().length,
    RECENT: () => unclaimed(visible(), claimedUpTo(store, folder)),
    UIDNEXT: () => store.uidNext(folder),
    UIDVALIDITY: () => folder.uidValidity,
    UNSEEN: () => visible().reduce((n, m) => (m.flags.has(SEEN) ? n : n + 1), 0),
    DELETED: () => visible().reduce((n, m) => (m.flags.has(DELETED) ? n + 1 : n), 0),
    HIGHESTMODSEQ: () => folder.highestModseq,
    SIZE: () => visible().reduce((n, m) => n + m.size, 0),
    // Every folder takes what APPEND takes anywhere: the APPENDLIMIT=n of CAPABILITY.
    APPENDLIMIT: () => ctx.deps.config.maxMessageSize,
  };
  const pairs = items.map((item) => `${item} ${values[item]()}`).join(' ');
  ctx.untagged(`STATUS ${encodeString(wireMailboxName(folder.name, ctx.session), ctx.session.utf8)} (${pairs})`);
}

/** How many messages (ascending ids) lie above the mark: those the next SELECT will see as \Recent. */
function unclaimed(messages: readonly StoredMessage[], mark: number): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i].id > mark; i--) count++;
  return count;
}
