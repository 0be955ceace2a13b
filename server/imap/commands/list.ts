// LIST (RFC 3501 6.3.8) in the one grammar of LIST-EXTENDED (RFC 5258): selection options
// SUBSCRIBED, REMOTE, RECURSIVEMATCH and SPECIAL-USE (RFC 6154), several patterns, and RETURN
// (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (...)), the last one LIST-STATUS (RFC 5819), which follows
// each selectable folder's LIST line with its STATUS line. What is listed: list-selection.ts.
import { DELIMITER, isBelow } from '../../store/folders.ts';
import type { Folder, LoginStore } from '../../store/login.ts';
import { defineCommand, type AuthenticatedContext } from '../context.ts';
import { encodeString } from '../encoder.ts';
import { bad } from '../errors.ts';
import { patternMatcher, type NameMatcher } from '../list-pattern.ts';
import { listedNames, type ListReturn, type ListSelection } from '../list-selection.ts';
import { wireMailboxName } from '../mailbox-name.ts';
import { listPattern, mailbox } from '../parse/arguments.ts';
import type { Scanner } from '../parse/scanner.ts';
import { statusItems, writeStatus, type StatusItem } from './status.ts';

export interface ListCommand {
  name: 'LIST';
  reference: string;
  patterns: string[];
  /**
   * The extended syntax (selection options, a pattern list or RETURN): then the reply carries child
   * and special-use attributes only when asked (RFC 5258 3, 6154 3), as Dovecot does.
   */
  extended: boolean;
  select: ListSelection;
  returns: ListReturn;
  /** RETURN (STATUS (...)): the STATUS items to send after each selectable folder. */
  status: StatusItem[] | null;
}

export const list = defineCommand({
  name: 'LIST',
  access: 'authenticated',
  parse(s): ListCommand {
    s.sp();
    const select: ListSelection = { subscribed: false, specialUse: false, recursiveMatch: false };
    const extendedSelect = s.at('(');
    if (extendedSelect) {
      for (const option of s.list(() => s.keyword())) {
        if (option === 'SUBSCRIBED') select.subscribed = true;
        else if (option === 'SPECIAL-USE') select.specialUse = true;
        else if (option === 'RECURSIVEMATCH') select.recursiveMatch = true;
        else if (option !== 'REMOTE') throw bad(`unknown LIST selection option ${option}`);
      }
      if (select.recursiveMatch && !select.subscribed && !select.specialUse) throw bad('RECURSIVEMATCH needs another selection option besides REMOTE (RFC 5258 3.1)');
      s.sp();
    }
    const reference = mailbox(s);
    s.sp();
    const patternList = s.at('(');
    const patterns = patternList ? s.list(() => listPattern(s)) : [listPattern(s)];
    // SUBSCRIBED and SPECIAL-USE selections imply the matching return options (RFC 5258 3.1, 6154 3).
    const returns: ListReturn = { subscribed: select.subscribed, children: false, specialUse: select.specialUse };
    let status: StatusItem[] | null = null;
    const hasReturn = s.maybeSp();
    if (hasReturn) {
      if (!s.word('RETURN')) throw bad('expected RETURN');
      s.sp();
      s.list(() => {
        const option = s.keyword();
        if (option === 'SUBSCRIBED') returns.subscribed = true;
        else if (option === 'CHILDREN') returns.children = true;
        else if (option === 'SPECIAL-USE') returns.specialUse = true;
        else if (option === 'STATUS') status = returnStatus(s);
        else throw bad(`unknown LIST return option ${option}`);
      });
    }
    const extended = extendedSelect || patternList || hasReturn;
    if (!extended) Object.assign(returns, { children: true, specialUse: true });
    return { name: 'LIST', reference, patterns, extended, select, returns, status };
  },
  handle(ctx, command) {
    // The hierarchy delimiter query (RFC 3501 6.3.8); Dovecot answers an extended one with nothing.
    if (command.patterns.length === 1 && command.patterns[0] === '') {
      if (!command.extended) ctx.untagged(`LIST (\\Noselect) "${DELIMITER}" ""`);
      return;
    }
    const matches = patternsMatcher(command.reference, command.patterns);
    for (const listed of listedNames(ctx.store, matches, command.select, command.returns)) {
      writeListLine(ctx, 'LIST', listed.attributes, listed.name, listed.childInfo ? '(CHILDINFO ("SUBSCRIBED"))' : null);
      if (command.status && listed.folder) writeStatus(ctx, listed.folder, command.status);
    }
  },
});

function returnStatus(s: Scanner): StatusItem[] {
  s.sp();
  return statusItems(s);
}

/** Whether a name matches any of the patterns, taken relative to the reference. */
export function patternsMatcher(reference: string, patterns: string[]): NameMatcher {
  const matchers = patterns.map((pattern) => patternMatcher(reference, pattern));
  return (name) => matchers.some((match) => match(name));
}

/** `* LIST (attributes) "/" name`, with RFC 5258's extended data after the name when given. */
export function writeListLine(ctx: AuthenticatedContext, verb: 'LIST' | 'LSUB', attributes: string[], name: string, extendedData: string | null = null): void {
  const written = encodeString(wireMailboxName(name, ctx.session), ctx.session.utf8);
  const line = `${verb} (${attributes.join(' ')}) "${DELIMITER}" ${written}`;
  ctx.untagged(extendedData ? `${line} ${extendedData}` : line);
}

/** The attributes a plain LIST gives a folder; SELECT's LIST line repeats them (RFC 9051 6.3.2). */
export function plainListAttributes(store: LoginStore, folder: Folder): string[] {
  const hasChildren = store.hierarchy().some((e) => isBelow(e.name, folder.name));
  const attributes = [hasChildren ? '\\HasChildren' : '\\HasNoChildren'];
  if (folder.specialUse) attributes.push(folder.specialUse);
  return attributes;
}
