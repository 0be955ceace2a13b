// NOOP does nothing itself; the session reports mailbox changes after every command.
import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const noop = defineCommand({
  name: 'NOOP',
  access: 'any',
  parse: noArguments('NOOP'),
  handle() {},
});
