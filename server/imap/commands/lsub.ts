// LSUB (RFC 3501 6.3.9): the login's subscriptions that match the pattern, whether their folders
// exist or not. An unsubscribed parent of a subscribed name is listed as \Noselect when the pattern
// reaches the parent but not the child, as `LSUB "" %` does. A session that enabled IMAP4rev2 is
// refused it, as RFC 9051's grammar has no LSUB.
import { ancestors } from '../../store/folders.ts';
import type { LoginStore } from '../../store/login.ts';
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import type { NameMatcher } from '../list-pattern.ts';
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
    for (const [name, attributes] of lsubLines(ctx.store, matches)) writeListLine(ctx, 'LSUB', attributes, name);
  },
});

function lsubLines(store: LoginStore, matches: NameMatcher): Array<[string, string[]]> {
  const subscribed = new Set(store.subscribedNames());
  const listed = new Set<string>();
  const out: Array<[string, string[]]> = [];
  for (const name of subscribed) {
    if (matches(name)) {
      const specialUse = store.folder(name)?.specialUse;
      if (!listed.has(name)) listed.add(name), out.push([name, specialUse ? [specialUse] : []]);
      continue;
    }
    for (const parent of ancestors(name).reverse()) {
      if (listed.has(parent) || subscribed.has(parent) || !matches(parent)) continue;
      listed.add(parent);
      out.push([parent, ['\\Noselect']]);
    }
  }
  return out;
}
