// Where a server spent its CPU: the functions with the most self time in a V8 .cpuprofile (as
// written by --profile), with file:line, and the same summed per file. Paths are shown relative
// to the repository, so the lines point straight at the code.
//   npx tsx bench/profile-top.ts bench/results/profiles/<file>.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (positionals.length !== 1) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top 25]');
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
const root = new URL('../', import.meta.url).href;

const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => idle.has(id) || selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith(root) ? url.slice(root.length) : url || '(native)';
  const where = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + us);
  byFile.set(file, (byFile.get(file) ?? 0) + us);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title} (of ${(totalUs / 1e6).toFixed(1)} s busy)`);
  for (const [what, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${what}`);
  }
};
print('Self time by function', byFunction);
print('Self time by file', byFile);
