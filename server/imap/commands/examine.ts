// EXAMINE (RFC 3501 6.3.2): SELECT, read-only; it claims no \Recent flags.
import { defineCommand } from '../context.ts';
import { open, selectArguments } from './select.ts';

export const examine = defineCommand({
  name: 'EXAMINE',
  access: 'authenticated',
  parse: (s) => selectArguments('EXAMINE', s),
  handle: (ctx, command) => open(ctx, command, true),
});
