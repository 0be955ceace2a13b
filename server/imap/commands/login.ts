import { NOT_AUTHENTICATED, type CommandSpec } from '../context.ts';
import { logIn } from './log-in.ts';

export const login: CommandSpec<'LOGIN'> = {
  names: ['LOGIN'],
  states: NOT_AUTHENTICATED,
  handle: (ctx, command) => logIn(ctx, command.user, command.password),
};
