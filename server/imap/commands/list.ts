// LIST (RFC 3501 6.3.8) with special-use (RFC 6154), child (RFC 3348) attributes, the
// LIST-EXTENDED selection options clients send anyway, and RETURN (STATUS ...) (RFC 5819), which
// follows each selectable folder's LIST line with its STATUS line. An address login lists only its folders
// (see server/store/login.ts). A name that only exists as the parent of other folders (its folder
// was deleted) is listed as \Noselect.
import { DELIMITER } from '../../store/folders.ts';
import type { Folder } from '../../store/login.ts';
import { defineCommand, type AuthenticatedContext } from '../context.ts';
import { encodeValue } from '../encoder.ts';
import { bad } from '../errors.ts';
import { patternMatcher, type NameMatcher } from '../list-pattern.ts';
import { wireMailboxName } from '../mailbox-name.ts';
import { listPattern, mailbox } from '../parse/arguments.ts';
import { statusItems, writeStatus, type StatusItem } from './status.ts';

export interface ListCommand {
  name: 'LIST';
  reference: string;
  patterns: string[];
  selectSubscribed: boolean;
  selectSpecialUse: boolean;
  /**
   * An extended LIST (RFC 5258: selection options or RETURN) sends child and special-use
   * attributes only when RETURN (CHILDREN) / (SPECIAL-USE) or the SPECIAL-USE selection asks, as
   * Dovecot does; a plain LIST always sends them.
   */
  returnChildren: boolean;
  returnSpecialUse: boolean;
  /** RETURN (SUBSCRIBED) or the SUBSCRIBED selection: mark subscribed folders \Subscribed. */
  returnSubscribed: boolean;
  /** RETURN (STATUS (...)): the STATUS items to send after each selectable folder, if asked. */
  returnStatus: StatusItem[] | null;
}

export const list = defineCommand({
  name: 'LIST',
  access: 'authenticated',
  parse(s): ListCommand {
    s.sp();
    let selectSubscribed = false;
    let selectSpecialUse = false;
    let extended = false;
    if (s.at('(')) {
      extended = true;
      for (const option of s.list(() => s.keyword())) {
        if (option === 'SUBSCRIBED') selectSubscribed = true;
        if (option === 'SPECIAL-USE') selectSpecialUse = true;
      }
      s.sp();
    }
    const reference = mailbox(s);
    s.sp();
    const patterns = s.at('(') ? s.list(() => listPattern(s)) : [listPattern(s)];
    let returnSubscribed = selectSubscribed;
    let returnStatus: StatusItem[] | null = null;
    let returnChildren = false;
    let returnSpecialUse = selectSpecialUse;
    if (s.maybeSp()) {
      if (!s.word('RETURN')) throw bad('expected RETURN');
      s.sp();
      extended = true;
      s.list(() => {
        const option = s.keyword();
        if (option === 'SUBSCRIBED') returnSubscribed = true;
        if (option === 'CHILDREN') returnChildren = true;
        if (option === 'SPECIAL-USE') returnSpecialUse = true;
        if (option === 'STATUS') {
          s.sp();
          returnStatus = statusItems(s);
        }
      });
    }
    return {
      name: 'LIST',
      reference,
      patterns,
      selectSubscribed,
      selectSpecialUse,
      returnChildren: returnChildren || !extended,
      returnSpecialUse: returnSpecialUse || !extended,
      returnSubscribed,
      returnStatus,
    };
  },
  handle(ctx, command) {
    if (command.patterns.length === 1 && command.patterns[0] === '') {
      ctx.untagged(`LIST (\\Noselect) "${DELIMITER}" ""`);
      return;
    }
    const matches = patternsMatcher(command.reference, command.patterns);
    const folders = ctx.store.folders();
    const byName = new Map(folders.map((f) => [f.name, f]));
    for (const name of withParents(folders.map((f) => f.name))) {
      if (!matches(name)) continue;
      const folder = byName.get(name);
      if (!folder) {
        if (!command.selectSubscribed && !command.selectSpecialUse) writeListLine(ctx, 'LIST', command.returnChildren ? ['\\Noselect', '\\HasChildren'] : ['\\Noselect'], name);
        continue;
      }
      const subscribed = ctx.store.isSubscribed(folder);
      if (command.selectSubscribed && !subscribed) continue;
      if (command.selectSpecialUse && !folder.specialUse) continue;
      const attributes: string[] = [];
      if (command.returnChildren) attributes.push(hasChildren(name, byName.keys()) ? '\\HasChildren' : '\\HasNoChildren');
      if (folder.specialUse && command.returnSpecialUse) attributes.push(folder.specialUse);
      if (command.returnSubscribed && subscribed) attributes.push('\\Subscribed');
      writeListLine(ctx, 'LIST', attributes, name);
      if (command.returnStatus) writeStatus(ctx, folder, command.returnStatus);
    }
  },
});

/** Whether a name matches any of the patterns, taken relative to the reference. */
export function patternsMatcher(reference: string, patterns: string[]): NameMatcher {
  const matchers = patterns.map((pattern) => patternMatcher(reference, pattern));
  return (name) => matchers.some((match) => match(name));
}

export function writeListLine(ctx: AuthenticatedContext, verb: 'LIST' | 'LSUB', attributes: string[], name: string): void {
  ctx.untagged(`${verb} (${attributes.join(' ')}) "${DELIMITER}" ${encodeValue(wireMailboxName(name, ctx.session)).toString('utf8')}`);
}

/** The attributes a plain LIST gives a folder; SELECT's LIST line repeats them (RFC 9051 6.3.2). */
export function plainListAttributes(folder: Folder, folders: readonly Folder[]): string[] {
  const attributes = [hasChildren(folder.name, folders.map((f) => f.name)) ? '\\HasChildren' : '\\HasNoChildren'];
  if (folder.specialUse) attributes.push(folder.specialUse);
  return attributes;
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

function hasChildren(name: string, names: Iterable<string>): boolean {
  const prefix = name + DELIMITER;
  for (const other of names) if (other.startsWith(prefix)) return true;
  return false;
}
