// NAMESPACE (RFC 2342): one personal namespace with no prefix.
import { DELIMITER } from '../../store/folders.ts';
import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const namespace = defineCommand({
  name: 'NAMESPACE',
  access: 'authenticated',
  parse: noArguments('NAMESPACE'),
  handle(ctx) {
    ctx.untagged(`NAMESPACE (("" "${DELIMITER}")) NIL NIL`);
  },
});
