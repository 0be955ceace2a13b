// NOOP and CHECK do nothing themselves; the session reports mailbox changes after every command.
import { ANY_STATE, SELECTED, type CommandSpec } from '../context.ts';

export const noop: CommandSpec<'NOOP'> = {
  names: ['NOOP'],
  states: ANY_STATE,
  handle() {},
};

/** Nothing to write to disk: the store is in memory. */
export const check: CommandSpec<'CHECK'> = {
  names: ['CHECK'],
  states: SELECTED,
  handle() {},
};
