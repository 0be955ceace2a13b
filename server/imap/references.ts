// THREAD=REFERENCES (RFC 5256 4): threads from Message-ID, References and In-Reply-To, dummy
// parents pruned, roots of the same base subject merged, everything ordered by sent date (ties by
// sequence number).
import type { StoredMessage } from '../store/message.ts';
import { headerField } from '../mail/mime-tree.ts';
import { readSubject } from './base-subject.ts';
import { sentTime } from './sort.ts';
import type { ThreadNode } from './thread.ts';

interface Container {
  message: { seq: number; number: number; sent: number; subject: string; reply: boolean } | null;
  parent: Container | null;
  children: Container[];
}

const MESSAGE_ID = /<[^<>\s]+>/g;

function ids(value: string | null): string[] {
  return value?.match(MESSAGE_ID) ?? [];
}

function isAncestor(candidate: Container, of: Container): boolean {
  for (let node: Container | null = of; node; node = node.parent) if (node === candidate) return true;
  return false;
}

function link(parent: Container, child: Container): void {
  if (child.parent) child.parent.children = child.parent.children.filter((c) => c !== child);
  child.parent = parent;
  parent.children.push(child);
}

function unlink(child: Container): void {
  if (!child.parent) return;
  child.parent.children = child.parent.children.filter((c) => c !== child);
  child.parent = null;
}

export function referenceThreads(entries: Array<[number, StoredMessage]>, numberOf: (seq: number, message: StoredMessage) => number): ThreadNode[] {
  const byId = new Map<string, Container>();
  const all: Container[] = [];
  const container = (id: string | null): Container => {
    const existing = id === null ? undefined : byId.get(id);
    if (existing) return existing;
    const made: Container = { message: null, parent: null, children: [] };
    if (id !== null) byId.set(id, made);
    all.push(made);
    return made;
  };

  // (1) Link every message to its references.
  for (const [seq, message] of entries) {
    const headers = message.content.meta.headers;
    const ownId = ids(headerField(headers, 'message-id'))[0] ?? null;
    // A missing or duplicate Message-ID makes the message unique.
    const own = ownId !== null && !byId.get(ownId)?.message ? container(ownId) : container(null);
    const { base, replyOrForward } = readSubject(message.content.meta.subject);
    own.message = { seq, number: numberOf(seq, message), sent: sentTime(message), subject: base.toUpperCase(), reply: replyOrForward };
    let references = ids(headerField(headers, 'references'));
    if (!references.length) references = ids(headerField(headers, 'in-reply-to')).slice(0, 1);
    let previous: Container | null = null;
    for (const id of references) {
      const current = container(id);
      if (previous && !current.parent && !isAncestor(current, previous)) link(previous, current);
      previous = current;
    }
    if (previous && previous !== own && !isAncestor(own, previous)) link(previous, own);
    else if (!previous) unlink(own);
  }

  // (2)-(4) The roots, with empty containers pruned.
  let roots = prune(all.filter((c) => !c.parent), true);

  // (5) Roots by sent date.
  const sentOf = (c: Container): number => c.message?.sent ?? (c.children[0] ? sentOf(c.children[0]) : 0);
  const seqOf = (c: Container): number => c.message?.seq ?? (c.children[0] ? seqOf(c.children[0]) : 0);
  const bySent = (a: Container, b: Container) => sentOf(a) - sentOf(b) || seqOf(a) - seqOf(b);
  for (const root of roots) if (!root.message) root.children.sort(bySent);
  roots.sort(bySent);

  // (6) Roots of one base subject become one thread.
  const subjectOf = (c: Container) => (c.message ?? c.children[0]?.message)?.subject ?? '';
  const table = new Map<string, Container>();
  for (const root of roots) {
    const subject = subjectOf(root);
    if (!subject) continue;
    const old = table.get(subject);
    if (!old || (!root.message && old.message) || (old.message?.reply && root.message && !root.message.reply)) table.set(subject, root);
  }
  const gone = new Set<Container>();
  for (const root of roots) {
    const subject = subjectOf(root);
    const kept = subject ? table.get(subject) : undefined;
    if (!kept || kept === root) continue;
    gone.add(root);
    if (!kept.message && !root.message) {
      for (const child of [...root.children]) link(kept, child);
    } else if (!kept.message || (root.message?.reply && !kept.message.reply)) {
      link(kept, root);
    } else {
      const dummy: Container = { message: null, parent: null, children: [] };
      roots[roots.indexOf(kept)] = dummy;
      link(dummy, kept);
      link(dummy, root);
      table.set(subject, dummy);
    }
  }
  roots = roots.filter((root) => !gone.has(root));

  // (7) Children by sent date, then the tree as the reply writes it.
  const finish = (c: Container): ThreadNode => {
    c.children.sort(bySent);
    return { number: c.message?.number ?? null, children: c.children.map(finish) };
  };
  return roots.map(finish);
}

/** Drops empty containers without children; an empty one with children gives them its place, except at the root with several. */
function prune(level: Container[], atRoot: boolean): Container[] {
  const out: Container[] = [];
  for (const c of level) {
    c.children = prune(c.children, false);
    for (const child of c.children) child.parent = c;
    if (c.message) out.push(c);
    else if (!c.children.length) continue;
    else if (atRoot && c.children.length > 1) out.push(c);
    else for (const child of c.children) (child.parent = atRoot ? null : c.parent), out.push(child);
  }
  return out;
}
