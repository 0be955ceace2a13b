// NAMESPACE (RFC 2342): one personal namespace with no prefix.
import { DELIMITER } from '../../store/folders.ts';
import { AUTHENTICATED, type CommandSpec } from '../context.ts';

export const namespace: CommandSpec<'NAMESPACE'> = {
  names: ['NAMESPACE'],
  states: AUTHENTICATED,
  handle(ctx) {
    ctx.untagged(`NAMESPACE (("" "${DELIMITER}")) NIL NIL`);
  },
};
