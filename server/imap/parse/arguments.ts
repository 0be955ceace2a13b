// Argument readers several commands share: mailbox names, LIST patterns, the nothing of a bare
// command. Each command's own grammar lives in its spec (commands/*.ts).
import { decodeMailboxName } from '../mailbox-name.ts';
import type { Scanner } from './scanner.ts';

/** A mailbox name (astring): modified UTF-7 decoded, unless the session sends names as UTF-8. */
export function mailbox(s: Scanner): string {
  return s.utf8 ? s.astring() : decodeMailboxName(s.astring());
}

/** ` <mailbox>`, the whole of CREATE/DELETE/SUBSCRIBE/UNSUBSCRIBE's arguments. */
export function spaceMailbox(s: Scanner): string {
  s.sp();
  return mailbox(s);
}

/** A LIST/LSUB pattern: like a mailbox name, with `%` and `*` allowed unquoted. */
export function listPattern(s: Scanner): string {
  const pattern = s.astring('list-mailbox');
  return s.utf8 ? pattern : decodeMailboxName(pattern);
}

/** Items separated by single spaces, at least one. */
export function spaceSeparated<T>(s: Scanner, item: () => T): T[] {
  const items = [item()];
  while (s.maybeSp()) items.push(item());
  return items;
}

/** The parser of a command that takes no arguments. */
export function noArguments<N extends string>(name: N): () => { name: N } {
  return () => ({ name });
}
