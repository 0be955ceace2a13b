// What LIST answers (RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE, RFC 3348 CHILDREN): which names
// of the login's hierarchy match, and the attributes of each, as Dovecot 2.3 sends them. Everything
// comes from the login's own view (LoginStore.hierarchy, its subscriptions), so no selection option
// or CHILDINFO can tell an address login about another login's folders.
import { ancestors } from '../store/folders.ts';
import type { Folder, LoginStore } from '../store/login.ts';
import type { NameMatcher } from './list-pattern.ts';

/** Selection options (RFC 5258 3.1); REMOTE selects nothing more here, there are no remote mailboxes. */
export interface ListSelection {
  subscribed: boolean;
  specialUse: boolean;
  recursiveMatch: boolean;
}

/** Which attributes the reply carries (RFC 5258 3.2); a LIST without the extended syntax carries children and special use. */
export interface ListReturn {
  subscribed: boolean;
  children: boolean;
  specialUse: boolean;
}

export interface ListedName {
  name: string;
  /** In Dovecot's order: \Subscribed, \NonExistent or \Noselect, the child attribute, the special use. */
  attributes: string[];
  /** CHILDINFO ("SUBSCRIBED") (RFC 5258 3.5): a subscribed descendant the patterns do not reach. */
  childInfo: boolean;
  /** The folder RETURN (STATUS ...) reports on; null for a level, a name that does not exist, or one listed only for its CHILDINFO. */
  folder: Folder | null;
}

export function listedNames(store: LoginStore, matches: NameMatcher, select: ListSelection, returns: ListReturn): ListedName[] {
  const entries = store.hierarchy();
  const byName = new Map(entries.map((e) => [e.name, e]));
  const parents = new Set(entries.flatMap((e) => ancestors(e.name)));
  const childAttribute = (name: string) => (returns.children ? [parents.has(name) ? '\\HasChildren' : '\\HasNoChildren'] : []);
  const specialUse = (folder: Folder | null | undefined) => (returns.specialUse && folder?.specialUse ? [folder.specialUse] : []);

  if (!select.subscribed) {
    return entries
      .filter((e) => matches(e.name) && (!select.specialUse || e.folder?.specialUse))
      .map((e) => ({
        name: e.name,
        attributes: [
          ...(returns.subscribed && store.isSubscribed(e.name) ? ['\\Subscribed'] : []),
          ...(e.folder ? [] : ['\\Noselect']),
          ...childAttribute(e.name),
          ...specialUse(e.folder),
        ],
        childInfo: false,
        folder: e.folder,
      }));
  }

  // The SUBSCRIBED selection lists subscriptions, existing or not (\NonExistent); like Dovecot it
  // never says \Noselect there.
  const subscribed = new Set(store.subscribedNames().filter((name) => !select.specialUse || byName.get(name)?.folder?.specialUse));
  // RECURSIVEMATCH, as Dovecot does it: a subscribed name the patterns miss lists its nearest parent
  // they reach, with CHILDINFO; a subscribed name that is listed gets CHILDINFO for any subscribed descendant.
  const withChildInfo = new Set<string>();
  if (select.recursiveMatch) {
    for (const name of subscribed) {
      const above = ancestors(name);
      if (!matches(name)) {
        const nearest = [...above].reverse().find(matches);
        if (nearest !== undefined) withChildInfo.add(nearest);
      }
      for (const parent of above) if (subscribed.has(parent) && matches(parent)) withChildInfo.add(parent);
    }
  }
  const listed = [...subscribed].filter(matches);
  for (const name of withChildInfo) if (!subscribed.has(name)) listed.push(name);
  return listed.map((name) => {
    const folder = byName.get(name)?.folder ?? null;
    return {
      name,
      attributes: [
        ...(subscribed.has(name) ? ['\\Subscribed'] : []),
        ...(byName.has(name) ? [] : ['\\NonExistent']),
        ...childAttribute(name),
        ...specialUse(folder),
      ],
      childInfo: withChildInfo.has(name),
      folder: subscribed.has(name) ? folder : null,
    };
  });
}
