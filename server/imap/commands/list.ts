// LIST (RFC 3501 6.3.8) with special-use (RFC 6154), child (RFC 3348) attributes and the
// LIST-EXTENDED selection options clients send anyway. An address login lists only its folders
// (see server/store/login.ts).
import { DELIMITER } from '../../store/folders.ts';
import type { Folder } from '../../store/login.ts';
import { defineCommand, type AuthenticatedContext } from '../context.ts';
import { encodeValue } from '../encoder.ts';
import { bad } from '../errors.ts';
import { patternMatcher } from '../list-pattern.ts';
import { decodeMailboxName, encodeMailboxName } from '../mailbox-name.ts';
import { listPattern } from '../parse/arguments.ts';
import type { Scanner } from '../parse/scanner.ts';

export interface ListCommand {
  name: 'LIST';
  reference: string;
  patterns: string[];
  selectSubscribed: boolean;
  selectSpecialUse: boolean;
  /** RETURN (SUBSCRIBED) or the SUBSCRIBED selection: mark subscribed folders \Subscribed. */
  returnSubscribed: boolean;
}

export const list = defineCommand({
  name: 'LIST',
  access: 'authenticated',
  parse(s): ListCommand {
    s.sp();
    let selectSubscribed = false;
    let selectSpecialUse = false;
    if (s.at('(')) {
      for (const option of s.list(() => s.keyword())) {
        if (option === 'SUBSCRIBED') selectSubscribed = true;
        if (option === 'SPECIAL-USE') selectSpecialUse = true;
      }
      s.sp();
    }
    const reference = decodeMailboxName(s.astring());
    s.sp();
    const patterns = s.at('(') ? s.list(() => listPattern(s)) : [listPattern(s)];
    let returnSubscribed = selectSubscribed;
    if (s.maybeSp()) {
      if (!s.word('RETURN')) throw bad('expected RETURN');
      s.sp();
      if (s.list(() => returnOption(s)).includes('SUBSCRIBED')) returnSubscribed = true;
    }
    return { name: 'LIST', reference, patterns, selectSubscribed, selectSpecialUse, returnSubscribed };
  },
  handle(ctx, command) {
    if (command.patterns.length === 1 && command.patterns[0] === '') {
      ctx.untagged(`LIST (\\Noselect) "${DELIMITER}" ""`);
      return;
    }
    for (const { folder, attributes } of matchingFolders(ctx, command.reference, command.patterns)) {
      const subscribed = ctx.store.isSubscribed(folder);
      if (command.selectSubscribed && !subscribed) continue;
      if (command.selectSpecialUse && !folder.specialUse) continue;
      if (command.returnSubscribed && subscribed) attributes.push('\\Subscribed');
      writeListLine(ctx, 'LIST', attributes, folder);
    }
  },
});

/** The login's folders that match a pattern, in listing order, with their LIST attributes. */
export function matchingFolders(
  ctx: AuthenticatedContext,
  reference: string,
  patterns: string[],
): Array<{ folder: Folder; attributes: string[] }> {
  const matchers = patterns.map((pattern) => patternMatcher(reference, pattern));
  const folders = ctx.store.folders();
  const names = folders.map((f) => f.name);
  return folders
    .filter((folder) => matchers.some((matches) => matches(folder.name)))
    .map((folder) => ({ folder, attributes: listAttributes(folder, names) }));
}

export function writeListLine(ctx: AuthenticatedContext, verb: 'LIST' | 'LSUB', attributes: string[], folder: Folder): void {
  const name = encodeValue(encodeMailboxName(folder.name)).toString('utf8');
  ctx.untagged(`${verb} (${attributes.join(' ')}) "${DELIMITER}" ${name}`);
}

function listAttributes(folder: Folder, names: string[]): string[] {
  const prefix = folder.name + DELIMITER;
  const attributes = [names.some((name) => name.startsWith(prefix)) ? '\\HasChildren' : '\\HasNoChildren'];
  if (folder.specialUse) attributes.push(folder.specialUse);
  return attributes;
}

function returnOption(s: Scanner): string {
  const option = s.keyword();
  // RETURN (STATUS (...)) belongs to LIST-STATUS, which is not offered.
  if (option === 'STATUS') throw bad('LIST-STATUS is not supported');
  return option;
}
