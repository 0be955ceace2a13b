// What one IMAP session may be told, checked response by response: the client-side model of the
// IMAP stress run. A violation is a protocol fault a real client would trip over:
// - an EXPUNGE or FETCH for a sequence number above the count the session knows (or below 1);
// - an EXISTS below that count (the count only falls through EXPUNGE);
// - a FETCH carrying a keyword the session was not told of in an untagged FLAGS;
// - a system flag in any spelling but the RFC's (\Seen, never \seen);
// - anything after LOGOUT's BYE but the tagged OK;
// - a STORE reply whose flags disagree with what that STORE asked. This one is reported apart
//   (kind 'store'): a server of many processes, like Dovecot, may let another session's change land
//   between a STORE and its reply, which a client cannot tell from a fault.
const SYSTEM = new Set(['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft', '\\Recent']);

export interface StoreRequest {
  mode: 'add' | 'remove' | 'replace';
  flags: string[];
  /** Sequence numbers the STORE named (none of them expunged meanwhile: STORE holds expunges back). */
  from: number;
  to: number;
}

export interface Violation {
  kind: 'protocol' | 'store';
  text: string;
}

export class SessionChecker {
  /** Messages the session knows: the last EXISTS, less the EXPUNGEs since. */
  count = 0;
  #announced = new Set<string>();

  /** Checks the untagged responses of one command, in order; returns the first violation, or null. */
  check(command: string, untagged: readonly string[], store?: StoreRequest): Violation | null {
    let storeProblem: Violation | null = null;
    for (let i = 0; i < untagged.length; i++) {
      const problem = this.#line(untagged[i], store);
      if (problem) {
        const violation = { kind: problem.kind, text: `${command}: ${problem.text} (${untagged[i].slice(0, 200)})` };
        if (problem.kind === 'protocol') return violation;
        storeProblem ??= violation;
      }
      if (/^\* BYE/.test(untagged[i]) && /^LOGOUT/i.test(command) && i < untagged.length - 1) {
        return { kind: 'protocol', text: `${command}: ${untagged[i + 1].slice(0, 200)} after BYE` };
      }
    }
    return storeProblem;
  }

  /** A new mailbox (SELECT): its own count and flag list come with the reply. */
  reset(): void {
    this.count = 0;
    this.#announced = new Set();
  }

  #line(line: string, store?: StoreRequest): Violation | null {
    const problem = this.#protocolProblem(line, store);
    return typeof problem === 'string' ? { kind: 'protocol', text: problem } : problem;
  }

  #protocolProblem(line: string, store?: StoreRequest): string | Violation | null {
    let match: RegExpExecArray | null;
    if ((match = /^\* FLAGS \(([^)]*)\)/.exec(line))) {
      this.#announced = new Set(words(match[1]).map((flag) => flag.toLowerCase()));
      return null;
    }
    if ((match = /^\* (\d+) EXISTS/.exec(line))) {
      const count = Number(match[1]);
      if (count < this.count) return `EXISTS ${count} below the ${this.count} known`;
      this.count = count;
      return null;
    }
    if ((match = /^\* (\d+) EXPUNGE/.exec(line))) {
      const seq = Number(match[1]);
      if (seq < 1 || seq > this.count) return `EXPUNGE ${seq} beyond the ${this.count} known`;
      this.count--;
      return null;
    }
    if ((match = /^\* (\d+) FETCH \((.*)$/.exec(line))) {
      const seq = Number(match[1]);
      if (seq < 1 || seq > this.count) return `FETCH ${seq} beyond the ${this.count} known`;
      const flagList = /\bFLAGS \(([^)]*)\)/.exec(match[2]);
      if (!flagList) return null;
      const flags = words(flagList[1]);
      for (const flag of flags) {
        if (flag.startsWith('\\')) {
          if (!SYSTEM.has(flag)) return `system flag spelled ${flag}`;
        } else if (!this.#announced.has(flag.toLowerCase())) {
          return `keyword ${flag} before any FLAGS announced it`;
        }
      }
      if (store && seq >= store.from && seq <= store.to) {
        const disagreement = storeProblem(store, flags);
        if (disagreement) return { kind: 'store', text: disagreement };
      }
    }
    return null;
  }
}

function words(list: string): string[] {
  return list.split(' ').filter(Boolean);
}

function storeProblem(store: StoreRequest, flags: string[]): string | null {
  const have = new Set(flags.filter((flag) => flag !== '\\Recent').map((flag) => flag.toLowerCase()));
  const asked = store.flags.map((flag) => flag.toLowerCase());
  if (store.mode === 'add' && asked.some((flag) => !have.has(flag))) return `STORE +FLAGS (${store.flags.join(' ')}) answered FLAGS (${flags.join(' ')})`;
  if (store.mode === 'remove' && asked.some((flag) => have.has(flag))) return `STORE -FLAGS (${store.flags.join(' ')}) answered FLAGS (${flags.join(' ')})`;
  if (store.mode === 'replace' && (have.size !== new Set(asked).size || asked.some((flag) => !have.has(flag)))) {
    return `STORE FLAGS (${store.flags.join(' ')}) answered FLAGS (${flags.join(' ')})`;
  }
  return null;
}
