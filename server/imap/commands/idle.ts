// IDLE (RFC 2177): changes are pushed as they happen until the client sends DONE.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import { noArguments } from '../parse/arguments.ts';

export const idle = defineCommand({
  name: 'IDLE',
  access: 'authenticated',
  parse: noArguments('IDLE'),
  handle(ctx) {
    return ctx.awaitLine(
      'idling',
      (line) => {
        if (line.toString('latin1').trim().toUpperCase() !== 'DONE') throw bad('expected DONE');
        return { text: 'IDLE terminated' };
      },
      { pushUpdates: true },
    );
  },
});
