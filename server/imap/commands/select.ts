// SELECT and EXAMINE: open a folder for this login and describe it (RFC 3501 6.3.1, RFC 7162).
import { SEEN } from '../../store/message.ts';
import { writeFlagLists } from '../keywords.ts';
import { AUTHENTICATED, type CommandSpec } from '../context.ts';
import { bad, no } from '../errors.ts';
import { resynchronize } from './resync.ts';

export const select: CommandSpec<'SELECT' | 'EXAMINE'> = {
  names: ['SELECT', 'EXAMINE'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const { store } = ctx.deps;
    if (command.qresync && !ctx.session.qresync) throw bad('QRESYNC must be enabled first');
    // A server that offers CONDSTORE/QRESYNC marks the end of the old mailbox's responses (RFC 7162 3.2.11).
    if (ctx.session.selected) ctx.untagged('OK [CLOSED] Previous mailbox closed');
    ctx.deselect();
    const folder = store.getFolder(command.mailbox);
    if (!folder) throw no(`no mailbox named ${command.mailbox}`, 'NONEXISTENT');
    if (command.condstore || command.qresync) ctx.session.condstore = true;
    const readOnly = command.name === 'EXAMINE';
    const selected = ctx.select(folder.name, readOnly);
    const { view, recent } = selected;

    const messages = view.numbered;
    let firstUnseen = 0;
    for (let i = 0; i < messages.length && !firstUnseen; i++) if (!messages[i].flags.has(SEEN)) firstUnseen = i + 1;
    writeFlagLists(ctx.out, selected);
    ctx.untagged(`${view.count} EXISTS`);
    ctx.untagged(`${recent.size} RECENT`);
    if (firstUnseen) ctx.untagged(`OK [UNSEEN ${firstUnseen}] First unseen`);
    ctx.untagged(`OK [UIDVALIDITY ${folder.uidValidity}] UIDs valid`);
    ctx.untagged(`OK [UIDNEXT ${store.uidNext(folder)}] Predicted next UID`);
    ctx.untagged(`OK [HIGHESTMODSEQ ${folder.highestModseq}] Highest`);
    if (command.qresync?.uidValidity === folder.uidValidity) resynchronize(ctx, selected, command.qresync);
    return { code: readOnly ? 'READ-ONLY' : 'READ-WRITE', text: `${command.name} completed` };
  },
};
