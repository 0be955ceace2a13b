// Every command, by name. Each lives in its own file with the states it is valid in.
import type { CommandName } from '../command.ts';
import type { CommandSpec } from '../context.ts';
import { append } from './append.ts';
import { authenticate } from './authenticate.ts';
import { capability } from './capability.ts';
import { close, unselect } from './close.ts';
import { copy } from './copy.ts';
import { create } from './create.ts';
import { deleteMailbox } from './delete.ts';
import { enable } from './enable.ts';
import { expunge } from './expunge.ts';
import { fetch } from './fetch.ts';
import { id } from './id.ts';
import { idle } from './idle.ts';
import { list } from './list.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { move } from './move.ts';
import { namespace } from './namespace.ts';
import { check, noop } from './noop.ts';
import { rename } from './rename.ts';
import { search } from './search.ts';
import { select } from './select.ts';
import { starttls } from './starttls.ts';
import { status } from './status.ts';
import { store } from './store.ts';
import { subscribe } from './subscribe.ts';

const ALL = [
  append, authenticate, capability, check, close, copy, create, deleteMailbox, enable, expunge, fetch, id, idle, list,
  login, logout, move, namespace, noop, rename, search, select, starttls, status, store, subscribe, unselect,
] as CommandSpec[];

export const COMMANDS: ReadonlyMap<CommandName, CommandSpec> = new Map(ALL.flatMap((spec) => spec.names.map((name) => [name, spec])));
