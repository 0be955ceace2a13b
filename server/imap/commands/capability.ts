import { defineCommand } from '../context.ts';
import { noArguments } from '../parse/arguments.ts';

export const capability = defineCommand({
  name: 'CAPABILITY',
  access: 'any',
  parse: noArguments('CAPABILITY'),
  handle(ctx) {
    ctx.untagged(`CAPABILITY ${ctx.capabilities()}`);
  },
});
