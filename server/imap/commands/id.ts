// ID (RFC 2971): the client's fields are ignored; the server names itself.
import { VERSION } from '../../version.ts';
import { ANY_STATE, type CommandSpec } from '../context.ts';

export const id: CommandSpec<'ID'> = {
  names: ['ID'],
  states: ANY_STATE,
  handle(ctx) {
    ctx.untagged(`ID ("name" "mailsandbox" "version" "${VERSION}")`);
  },
};
