// The base subject of RFC 5256 2.1, which SORT SUBJECT and THREAD compare: the decoded subject
// without reply and forward markers ("Re:", "Fwd:", "[list] Re:", "(fwd)", "[Fwd: ...]"), whitespace
// squeezed. Compared without regard to case.
const TRAILER = /\s*\(fwd\)\s*$/i;
const BLOB = String.raw`\[[^\[\]]*\]\s*`;
const LEADER = new RegExp(String.raw`^(?:${BLOB})*(?:re|fwd?)\s*(?:${BLOB})?:\s*`, 'i');
const LEADING_BLOB = new RegExp(`^${BLOB}`);
const FORWARD_WRAPPER = /^\[fwd:\s*(.*)\]$/i;

/** Keyed by a message's header meta, which its content keeps for as long as the message lives. */
const sortSubjects = new WeakMap<{ readonly subject: string }, string>();

/**
 * The base subject as SORT SUBJECT and THREAD compare it (upper-cased for i;ascii-casemap), worked
 * out once per message: a client sorts the same folder again and again, and the regexes cost more
 * than the search that finds the messages.
 */
export function sortSubject(meta: { readonly subject: string }): string {
  let subject = sortSubjects.get(meta);
  if (subject === undefined) sortSubjects.set(meta, (subject = readSubject(meta.subject).base.toUpperCase()));
  return subject;
}

/**
 * The base subject, and whether a reply or forward marker came off it (a list tag alone does not
 * count): THREAD=REFERENCES files a reply under the thread of the same subject.
 */
export function readSubject(decoded: string): { base: string; replyOrForward: boolean } {
  let subject = decoded.replace(/\s+/g, ' ').trim();
  let replyOrForward = false;
  const strip = (pattern: RegExp) => {
    const next = subject.replace(pattern, '');
    if (next === subject) return false;
    subject = next;
    return (replyOrForward = true);
  };
  for (;;) {
    while (strip(TRAILER));
    let before: string;
    do {
      before = subject;
      while (strip(LEADER)) subject = subject.trimStart();
      const blob = LEADING_BLOB.exec(subject);
      if (blob && blob[0].length < subject.length) subject = subject.slice(blob[0].length);
    } while (subject !== before);
    const wrapped = FORWARD_WRAPPER.exec(subject);
    if (!wrapped) return { base: subject, replyOrForward };
    subject = wrapped[1].trim();
    replyOrForward = true;
  }
}
