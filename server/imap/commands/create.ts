// CREATE (RFC 3501 6.3.3). The levels above the name are made as needed and list as \Noselect; a
// trailing delimiter makes the name itself such a level, to create folders under (as Dovecot does).
// For an address login, a name another login already uses becomes its own folder too (empty for
// it), so no login learns another's private folder names.
import { DELIMITER } from '../../store/folders.ts';
import { defineCommand } from '../context.ts';
import { refuseNonUnicodeName } from '../mailbox-name.ts';
import { spaceMailbox } from '../parse/arguments.ts';

export const create = defineCommand({
  name: 'CREATE',
  access: 'authenticated',
  parse: (s) => ({ name: 'CREATE' as const, mailbox: spaceMailbox(s) }),
  handle(ctx, command) {
    const level = command.mailbox.endsWith(DELIMITER);
    const name = level ? command.mailbox.slice(0, -1) : command.mailbox;
    refuseNonUnicodeName(ctx.session, name);
    if (level) ctx.store.createLevel(name);
    else ctx.store.createFolder(name);
  },
});
