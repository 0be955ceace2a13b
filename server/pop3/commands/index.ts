// Every POP3 command by name; the session dispatches through this table.
import { APOP } from './apop.ts';
import { AUTH } from './auth.ts';
import { CAPA } from './capa.ts';
import type { Pop3Command } from './command.ts';
import { DELE, RSET } from './dele.ts';
import { LIST, UIDL } from './list.ts';
import { NOOP, QUIT } from './noop-quit.ts';
import { RETR } from './retr.ts';
import { STAT } from './stat.ts';
import { STLS } from './stls.ts';
import { TOP } from './top.ts';
import { PASS, USER } from './user-pass.ts';

export const COMMANDS: ReadonlyMap<string, Pop3Command> = new Map(
  [USER, PASS, APOP, AUTH, CAPA, STLS, STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP, QUIT].map((command) => [command.name, command]),
);
