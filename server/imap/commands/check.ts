// CHECK (RFC 3501 6.4.1): nothing to write to disk, the store is in memory; the session reports
// mailbox changes after it as after every command.
import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const check = defineCommand({
  name: 'CHECK',
  access: 'selected',
  parse: noArguments('CHECK'),
  handle() {},
});
