// CREATE (RFC 3501 6.3.3). For an address login, a name another login already uses becomes its own
// folder too (empty for it), so no login learns another's private folder names.
import { DELIMITER } from '../../store/folders.ts';
import { defineCommand } from '../context.ts';
import { refuseNonUnicodeName } from '../mailbox-name.ts';
import { spaceMailbox } from '../parse/arguments.ts';

export const create = defineCommand({
  name: 'CREATE',
  access: 'authenticated',
  parse: (s) => ({ name: 'CREATE' as const, mailbox: spaceMailbox(s) }),
  handle(ctx, command) {
    // A trailing delimiter only says the client means to create children under it (RFC 3501 6.3.3).
    const name = command.mailbox.endsWith(DELIMITER) ? command.mailbox.slice(0, -1) : command.mailbox;
    refuseNonUnicodeName(ctx.session, name);
    ctx.store.createFolder(name);
  },
});
