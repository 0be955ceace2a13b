// LSUB (RFC 3501 6.3.9): the login's subscribed folders that match the pattern. An unsubscribed
// parent of a subscribed folder is listed as \Noselect when the pattern reaches the parent but not
// the child, as `LSUB "" %` does. A session that enabled IMAP4rev2 is refused it, as RFC 9051's
// grammar has no LSUB.
import { DELIMITER } from '../../store/folders.ts';
import type { Folder, LoginStore } from '../../store/login.ts';
import { defineCommand } from '../context.ts';
import type { NameMatcher } from '../list-pattern.ts';
import { bad } from '../errors.ts';
import { listPattern, mailbox } from '../parse/arguments.ts';
import { patternsMatcher, writeListLine } from './list.ts';

export const lsub = defineCommand({
  name: 'LSUB',
  access: 'authenticated',
  parse(s) {
    if (s.imap4rev2) throw bad('LSUB is not part of IMAP4rev2 (RFC 9051 Appendix E 19): use LIST (SUBSCRIBED)');
    s.sp();
    const reference = mailbox(s);
    s.sp();
    return { name: 'LSUB' as const, reference, patterns: [listPattern(s)] };
  },
  handle(ctx, command) {
    const matches = patternsMatcher(command.reference, command.patterns);
    for (const [name, attributes] of subscribedNames(ctx.store, matches)) writeListLine(ctx, 'LSUB', attributes, name);
  },
});

/** LSUB's lines: subscribed folders that match, and unsubscribed parents that match when their subscribed child does not. */
function subscribedNames(store: LoginStore, matches: NameMatcher): Array<[string, string[]]> {
  const folders = store.folders();
  const byName = new Map<string, Folder>(folders.map((f) => [f.name, f]));
  const out: Array<[string, string[]]> = [];
  const listed = new Set<string>();
  for (const folder of folders) {
    if (!store.isSubscribed(folder)) continue;
    if (matches(folder.name)) {
      if (!listed.has(folder.name)) listed.add(folder.name), out.push([folder.name, folder.specialUse ? [folder.specialUse] : []]);
      continue;
    }
    const parts = folder.name.split(DELIMITER);
    for (let i = parts.length - 1; i >= 1; i--) {
      const parent = parts.slice(0, i).join(DELIMITER);
      const parentFolder = byName.get(parent);
      if (listed.has(parent) || (parentFolder && store.isSubscribed(parentFolder)) || !matches(parent)) continue;
      listed.add(parent);
      out.push([parent, ['\\Noselect']]);
    }
  }
  return out;
}
