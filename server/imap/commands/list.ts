// LIST and LSUB (RFC 3501 6.3.8-9) with special-use (RFC 6154) and child (RFC 3348) attributes.
import { DELIMITER, INBOX } from '../../store/folders.ts';
import type { FolderState } from '../../store/store.ts';
import { AUTHENTICATED, type CommandContext, type CommandSpec } from '../context.ts';
import { encodeValue } from '../encoder.ts';
import { patternMatcher } from '../list-pattern.ts';
import { encodeMailboxName } from '../mailbox-name.ts';

export const list: CommandSpec<'LIST' | 'LSUB'> = {
  names: ['LIST', 'LSUB'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    const lsub = command.name === 'LSUB';
    if (!lsub && command.patterns.length === 1 && command.patterns[0] === '') {
      ctx.untagged(`LIST (\\Noselect) "${DELIMITER}" ""`);
      return;
    }
    const matchers = command.patterns.map((pattern) => patternMatcher(command.reference, pattern));
    const folders = sortedFolders(ctx);
    const names = new Set(folders.map((f) => f.name));
    for (const folder of folders) {
      if (!matchers.some((matches) => matches(folder.name))) continue;
      const subscribedOnly = lsub || (command.name === 'LIST' && command.selectSubscribed);
      if (subscribedOnly && !folder.subscribed) continue;
      if (command.name === 'LIST' && command.selectSpecialUse && !folder.specialUse) continue;
      const attributes = lsub ? [] : listAttributes(folder, names);
      if (command.name === 'LIST' && command.returnSubscribed && folder.subscribed) attributes.push('\\Subscribed');
      const name = encodeValue(encodeMailboxName(folder.name)).toString('utf8');
      ctx.untagged(`${command.name} (${attributes.join(' ')}) "${DELIMITER}" ${name}`);
    }
  },
};

function sortedFolders(ctx: CommandContext): FolderState[] {
  const folders = ctx.deps.store.folders();
  return [...folders.filter((f) => f.name === INBOX), ...folders.filter((f) => f.name !== INBOX)];
}

function listAttributes(folder: FolderState, names: Set<string>): string[] {
  const prefix = folder.name + DELIMITER;
  let hasChildren = false;
  for (const name of names) {
    if (name.startsWith(prefix)) {
      hasChildren = true;
      break;
    }
  }
  const attributes = [hasChildren ? '\\HasChildren' : '\\HasNoChildren'];
  if (folder.specialUse) attributes.push(folder.specialUse);
  return attributes;
}
