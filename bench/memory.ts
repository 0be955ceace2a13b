// Memory of a server as seen from outside, the same way for both: the process and all its
// descendants (Dovecot runs a master, login, auth and one imap/pop3 process per session), read
// from /proc. RSS counts shared library pages once per process; PSS splits them fairly. descendants()
// also serves CPU figures (bench/imap-list.ts).
import { readdirSync, readFileSync } from 'node:fs';

export interface Memory {
  rssMb: number;
  pssMb: number;
  processes: number;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process ended between listing and reading
  }
}

export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);

export function treeMemory(root: number): Memory {
  let rss = 0;
  let pss = 0;
  const pids = descendants(root);
  for (const pid of pids) {
    rss += kb(read(`/proc/${pid}/status`), 'VmRSS');
    pss += kb(read(`/proc/${pid}/smaps_rollup`), 'Pss');
  }
  return { rssMb: Math.round(rss / 1024), pssMb: Math.round(pss / 1024), processes: pids.length };
}

/** Samples treeMemory every `everyMs` until stopped; returns the sample with the highest PSS. */
export function sampleMemory(root: number, everyMs = 500): () => Memory {
  let peak = treeMemory(root);
  const timer = setInterval(() => {
    const now = treeMemory(root);
    if (now.pssMb > peak.pssMb) peak = now;
  }, everyMs);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
