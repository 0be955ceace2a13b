// Folder names and their fixed attributes. Folders are global; each login sees its own filter of them.
import { StoreError } from './errors.ts';

export const INBOX = 'INBOX';
export const DELIMITER = '/';

export const SPECIAL_FOLDERS: ReadonlyArray<{ name: string; specialUse: string }> = [
  { name: 'Sent', specialUse: '\\Sent' },
  { name: 'Drafts', specialUse: '\\Drafts' },
  { name: 'Trash', specialUse: '\\Trash' },
  { name: 'Junk', specialUse: '\\Junk' },
  { name: 'Archive', specialUse: '\\Archive' },
];

/** INBOX is case-insensitive (RFC 3501 5.1); every other name is kept as given. */
export function normalizeFolderName(name: string): string {
  if (name.toUpperCase() === INBOX) return INBOX;
  if (name.toUpperCase().startsWith(INBOX + DELIMITER)) return INBOX + name.slice(INBOX.length);
  return name;
}

export type FolderNameProblem = 'empty' | 'bad-delimiter' | 'too-long' | 'control-character';

export function folderNameProblem(name: string): FolderNameProblem | null {
  if (!name) return 'empty';
  if (name.length > 512) return 'too-long';
  if (/[\x00-\x1f\x7f]/.test(name)) return 'control-character';
  if (name.startsWith(DELIMITER) || name.endsWith(DELIMITER) || name.includes(DELIMITER + DELIMITER)) return 'bad-delimiter';
  return null;
}

/** The name normalized, or a StoreError saying what is wrong with it. */
export function validFolderName(name: string): string {
  const normalized = normalizeFolderName(name);
  const problem = folderNameProblem(normalized);
  if (problem) throw new StoreError('bad-folder-name', `invalid folder name (${problem})`);
  return normalized;
}

/** a/b lies below a (and a/b/c too); a does not lie below itself. */
export function isBelow(name: string, root: string): boolean {
  return name.length > root.length && name.startsWith(root) && name[root.length] === DELIMITER;
}

/** The name is the root or lies below it: what a RENAME of the root takes along. */
export function isWithin(name: string, root: string): boolean {
  return name === root || isBelow(name, root);
}

/** A name within `from`, as RENAME from -> to leaves it. */
export function renamedWithin(name: string, from: string, to: string): string {
  return to + name.slice(from.length);
}

/** a/b/c -> [a, a/b]: the levels above a name, outermost first. */
export function ancestors(name: string): string[] {
  const out: string[] = [];
  for (let i = name.indexOf(DELIMITER); i > 0; i = name.indexOf(DELIMITER, i + 1)) out.push(name.slice(0, i));
  return out;
}
