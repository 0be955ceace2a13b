// Every command, by name: each name has its own file here, holding its whole spec.
import type { RegisteredCommand } from '../context.ts';
import { append } from './append.ts';
import { authenticate } from './authenticate.ts';
import { cancelUpdate } from './cancelupdate.ts';
import { capability } from './capability.ts';
import { check } from './check.ts';
import { close } from './close.ts';
import { copy } from './copy.ts';
import { create } from './create.ts';
import { deleteMailbox } from './delete.ts';
import { enable } from './enable.ts';
import { examine } from './examine.ts';
import { expunge } from './expunge.ts';
import { fetch } from './fetch.ts';
import { id } from './id.ts';
import { idle } from './idle.ts';
import { list } from './list.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { lsub } from './lsub.ts';
import { move } from './move.ts';
import { namespace } from './namespace.ts';
import { noop } from './noop.ts';
import { rename } from './rename.ts';
import { search } from './search.ts';
import { select } from './select.ts';
import { sort } from './sort.ts';
import { starttls } from './starttls.ts';
import { status } from './status.ts';
import { store } from './store.ts';
import { subscribe } from './subscribe.ts';
import { thread } from './thread.ts';
import { unselect } from './unselect.ts';
import { unsubscribe } from './unsubscribe.ts';

const ALL = [
  append, authenticate, cancelUpdate, capability, check, close, copy, create, deleteMailbox, enable, examine, expunge, fetch, id, idle,
  list, login, logout, lsub, move, namespace, noop, rename, search, select, sort, starttls, status, store, subscribe, thread,
  unselect, unsubscribe,
] as const;

/** Every command the parser can produce: the union of what each spec's parser returns. */
export type Command = (typeof ALL)[number] extends infer R ? (R extends RegisteredCommand<infer C> ? C : never) : never;

export const COMMANDS: ReadonlyMap<string, RegisteredCommand<Command>> = new Map<string, RegisteredCommand<Command>>(
  ALL.map((spec) => [spec.name, spec]),
);
