// Side-by-side figures for Dovecot and mailsandbox: a compact table with the ratio per row
// (above 1 = mailsandbox is better, whichever way "better" points), and the JSON in bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerName } from './targets.ts';

export interface Row {
  measure: string;
  unit: string;
  better: 'lower' | 'higher' | 'none';
  values: Partial<Record<ServerName, number | null>>;
}

export function ratio(row: Row): number | null {
  const d = row.values.dovecot;
  const m = row.values.mailsandbox;
  if (row.better === 'none' || d == null || m == null || d === 0 || m === 0) return null;
  return row.better === 'lower' ? d / m : m / d;
}

const show = (n: number | null | undefined) => (n == null ? '-' : Number.isInteger(n) || n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function printTable(title: string, rows: Row[]): void {
  const lines = [['measure', 'unit', 'dovecot', 'mailsandbox', 'ratio'], ...rows.map((r) => [r.measure, r.unit, show(r.values.dovecot), show(r.values.mailsandbox), show(ratio(r))])];
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  console.log(`\n${title}`);
  for (const [i, line] of lines.entries()) {
    console.log(line.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** Writes bench/results/<name>-<time>.json and returns its path. */
export function writeResults(name: string, data: object): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(path, JSON.stringify({ node: process.version, ...data }, null, 2));
  return path;
}
