// The base subject of RFC 5256 2.1, which SORT SUBJECT and THREAD compare: the decoded subject
// without reply and forward markers ("Re:", "Fwd:", "[list] Re:", "(fwd)", "[Fwd: ...]"), whitespace
// squeezed. Compared without regard to case.
const TRAILER = /\s*\(fwd\)\s*$/i;
const BLOB = String.raw`\[[^\[\]]*\]\s*`;
const LEADER = new RegExp(String.raw`^(?:${BLOB})*(?:re|fwd?)\s*(?:${BLOB})?:\s*`, 'i');
const LEADING_BLOB = new RegExp(`^${BLOB}`);
const FORWARD_WRAPPER = /^\[fwd:\s*(.*)\]$/i;

export function baseSubject(decoded: string): string {
  return readSubject(decoded).base;
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
