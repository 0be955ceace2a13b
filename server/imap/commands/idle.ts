// IDLE (RFC 2177): changes are pushed as they happen until the client sends DONE.
import { AUTHENTICATED, type CommandSpec } from '../context.ts';
import { bad } from '../errors.ts';

export const idle: CommandSpec<'IDLE'> = {
  names: ['IDLE'],
  states: AUTHENTICATED,
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
};
