// LIST and LSUB (RFC 3501 6.3.8-9) with special-use (RFC 6154) and child (RFC 3348) attributes.
// A name that only exists as the parent of other folders (its folder was deleted) is listed as
// \Noselect. LSUB lists an unsubscribed parent of a subscribed folder as \Noselect when the pattern
// reaches the parent but not the child, as `LSUB "" %` does (RFC 3501 6.3.9).
import { DELIMITER, INBOX } from '../../store/folders.ts';
import type { FolderState } from '../../store/store.ts';
import { AUTHENTICATED, type CommandContext, type CommandSpec } from '../context.ts';
import { encodeValue } from '../encoder.ts';
import { patternMatcher, type NameMatcher } from '../list-pattern.ts';
import { encodeMailboxName } from '../mailbox-name.ts';

export const list: CommandSpec<'LIST' | 'LSUB'> = {
  names: ['LIST', 'LSUB'],
  states: AUTHENTICATED,
  handle(ctx, command) {
    if (command.name === 'LIST' && command.patterns.length === 1 && command.patterns[0] === '') {
      ctx.untagged(`LIST (\\Noselect) "${DELIMITER}" ""`);
      return;
    }
    const matchers = command.patterns.map((pattern) => patternMatcher(command.reference, pattern));
    const matches = (name: string) => matchers.some((match) => match(name));
    const folders = sortedFolders(ctx);
    const byName = new Map(folders.map((f) => [f.name, f]));
    const write = (attributes: string[], name: string) =>
      ctx.untagged(`${command.name} (${attributes.join(' ')}) "${DELIMITER}" ${encodeValue(encodeMailboxName(name)).toString('utf8')}`);

    if (command.name === 'LSUB') {
      for (const [name, attributes] of subscribedNames(folders, byName, matches)) write(attributes, name);
      return;
    }
    for (const name of withParents(folders.map((f) => f.name))) {
      if (!matches(name)) continue;
      const folder = byName.get(name);
      if (!folder) {
        if (!command.selectSubscribed && !command.selectSpecialUse) write(['\\Noselect', '\\HasChildren'], name);
        continue;
      }
      if (command.selectSubscribed && !folder.subscribed) continue;
      if (command.selectSpecialUse && !folder.specialUse) continue;
      const attributes = [hasChildren(name, byName) ? '\\HasChildren' : '\\HasNoChildren'];
      if (folder.specialUse) attributes.push(folder.specialUse);
      if (command.returnSubscribed && folder.subscribed) attributes.push('\\Subscribed');
      write(attributes, name);
    }
  },
};

function sortedFolders(ctx: CommandContext): FolderState[] {
  const folders = ctx.deps.store.folders();
  return [...folders.filter((f) => f.name === INBOX), ...folders.filter((f) => f.name !== INBOX)];
}

/** The names in order, each missing parent (a/b without a) inserted before its first child. */
function withParents(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const parts = name.split(DELIMITER);
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join(DELIMITER);
      if (!seen.has(prefix)) seen.add(prefix), out.push(prefix);
    }
  }
  return out;
}

function hasChildren(name: string, byName: Map<string, FolderState>): boolean {
  const prefix = name + DELIMITER;
  for (const other of byName.keys()) if (other.startsWith(prefix)) return true;
  return false;
}

/** LSUB's lines: subscribed folders that match, and unsubscribed parents that match when their subscribed child does not. */
function subscribedNames(folders: FolderState[], byName: Map<string, FolderState>, matches: NameMatcher): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  const listed = new Set<string>();
  for (const folder of folders) {
    if (!folder.subscribed) continue;
    if (matches(folder.name)) {
      if (!listed.has(folder.name)) listed.add(folder.name), out.push([folder.name, folder.specialUse ? [folder.specialUse] : []]);
      continue;
    }
    const parts = folder.name.split(DELIMITER);
    for (let i = parts.length - 1; i >= 1; i--) {
      const parent = parts.slice(0, i).join(DELIMITER);
      if (listed.has(parent) || byName.get(parent)?.subscribed || !matches(parent)) continue;
      listed.add(parent);
      out.push([parent, ['\\Noselect']]);
    }
  }
  return out;
}
