// The base subject of RFC 5256 2.1, which SORT SUBJECT and THREAD compare: the decoded subject
// without reply and forward markers ("Re:", "Fwd:", "[list] Re:", "(fwd)", "[Fwd: ...]"), whitespace
// squeezed. Compared without regard to case.
const TRAILER = /\s*\(fwd\)\s*$/i;
const BLOB = String.raw`\[[^\[\]]*\]\s*`;
const LEADER = new RegExp(String.raw`^(?:${BLOB})*(?:re|fwd?)\s*(?:${BLOB})?:\s*`, 'i');
const LEADING_BLOB = new RegExp(`^${BLOB}`);
const FORWARD_WRAPPER = /^\[fwd:\s*(.*)\]$/i;

export function baseSubject(decoded: string): string {
  let subject = decoded.replace(/\s+/g, ' ').trim();
  for (;;) {
    let before: string;
    do {
      before = subject;
      subject = subject.replace(TRAILER, '');
    } while (subject !== before);
    do {
      before = subject;
      let leaderBefore: string;
      do {
        leaderBefore = subject;
        subject = subject.replace(LEADER, '').trimStart();
      } while (subject !== leaderBefore);
      const blob = LEADING_BLOB.exec(subject);
      if (blob && blob[0].length < subject.length) subject = subject.slice(blob[0].length);
    } while (subject !== before);
    const wrapped = FORWARD_WRAPPER.exec(subject);
    if (!wrapped) return subject;
    subject = wrapped[1].trim();
  }
}

