// The result options SEARCH and SORT share: `RETURN (MIN MAX ALL COUNT SAVE PARTIAL n:m ...)` (RFC 4731
// ESEARCH, RFC 5267 ESORT and CONTEXT=SEARCH, RFC 5182 SEARCHRES), the one `* ESEARCH` line they
// answer with, and what SAVE keeps as `$`. A SORT's hits come in sort order, so its MIN and MAX are
// the first and last sorted (RFC 5267 3.1), and PARTIAL counts positions in that order.
import type { Selected } from './context.ts';
import { encodeString } from './encoder.ts';
import { bad } from './errors.ts';
import { checkCharset } from './parse/search-keys.ts';
import type { Scanner } from './parse/scanner.ts';
import { formatSequenceSet } from './sequence.ts';

export type ResultOption = 'MIN' | 'MAX' | 'ALL' | 'COUNT' | 'SAVE' | 'UPDATE' | 'CONTEXT';

const RESULT_OPTIONS: readonly ResultOption[] = ['MIN', 'MAX', 'ALL', 'COUNT', 'SAVE', 'UPDATE', 'CONTEXT'];

export interface ResultOptions {
  options: ResultOption[];
  /** PARTIAL low:high (RFC 5267 4.4): positions in the result, 1-based, low first. */
  partial: [number, number] | null;
}

/**
 * `RETURN (...) SP` when the command has it (the scanner stands after the name's space). `RETURN ()`,
 * or CONTEXT alone (a hint that changes nothing here), means ALL.
 */
export function parseResultOptions(s: Scanner, command: string, allowed: readonly ResultOption[] = RESULT_OPTIONS): ResultOptions | null {
  if (!s.word('RETURN')) return null;
  s.sp();
  const result: ResultOptions = { options: [], partial: null };
  s.list(() => {
    const option = s.keyword();
    if (option === 'PARTIAL') {
      if (result.partial) throw bad('PARTIAL may be given once');
      s.sp();
      const low = s.nzNumber();
      s.expect(':');
      const high = s.nzNumber();
      result.partial = low <= high ? [low, high] : [high, low];
      return;
    }
    if (!allowed.includes(option as ResultOption)) throw bad(`unknown ${command} RETURN option ${option}`);
    result.options.push(option as ResultOption);
  });
  s.sp();
  if (!result.partial && !result.options.some((option) => option !== 'CONTEXT')) result.options.push('ALL');
  return result;
}

/**
 * Whether the options ask for an ESEARCH line: SAVE alone answers with none (RFC 5182 2.1), unless
 * a MODSEQ criterion asks for the highest mod-sequence (RFC 7162 3.1.5; Dovecot then answers too).
 */
function answers({ options, partial }: ResultOptions, modseq: number | null): boolean {
  return modseq !== null || partial !== null || options.some((option) => option !== 'SAVE');
}

/**
 * `* ESEARCH (TAG "t") UID MIN 1 MAX 9 ALL 1,4,9 PARTIAL (1:2 1,4) COUNT 3 MODSEQ 12`: only what was
 * asked for, and MIN/MAX/ALL/MODSEQ only when something matched. `hits` are in the order the command
 * returns them; `modseq` is their highest mod-sequence when the criteria had MODSEQ, else null.
 */
export function writeEsearch(
  out: { text(value: string): unknown },
  tag: string,
  uid: boolean,
  result: ResultOptions,
  hits: readonly number[],
  modseq: number | null,
): void {
  if (!answers(result, modseq)) return;
  const { options, partial } = result;
  const parts = [`* ESEARCH (TAG ${encodeString(tag)})`];
  if (uid) parts.push('UID');
  if (hits.length) {
    if (options.includes('MIN')) parts.push(`MIN ${hits[0]}`);
    if (options.includes('MAX')) parts.push(`MAX ${hits[hits.length - 1]}`);
    if (options.includes('ALL')) parts.push(`ALL ${formatSequenceSet(hits)}`);
  }
  if (partial) {
    const slice = hits.slice(partial[0] - 1, partial[1]);
    parts.push(`PARTIAL (${partial[0]}:${partial[1]} ${slice.length ? formatSequenceSet(slice) : 'NIL'})`);
  }
  if (options.includes('COUNT')) parts.push(`COUNT ${hits.length}`);
  if (modseq !== null && hits.length) parts.push(`MODSEQ ${modseq}`);
  out.text(`${parts.join(' ')}\r\n`);
}

/**
 * Keeps the UIDs of the hits as `$` when SAVE was asked for: with MIN and/or MAX and neither ALL nor
 * COUNT only those, otherwise all of them (RFC 5182 2.1). `uids` are in the command's order.
 */
export function saveResult(selected: Selected, result: ResultOptions | null, uids: readonly number[]): void {
  const options = result?.options;
  if (!options?.includes('SAVE')) return;
  const whole = options.includes('ALL') || options.includes('COUNT') || !(options.includes('MIN') || options.includes('MAX'));
  if (whole || !uids.length) return void (selected.savedResult = new Set(uids));
  const kept = new Set<number>();
  if (options.includes('MIN')) kept.add(uids[0]);
  if (options.includes('MAX')) kept.add(uids[uids.length - 1]);
  selected.savedResult = kept;
}

/** Checks the search charset; a SEARCH or SORT with SAVE that fails so leaves `$` empty (RFC 5182 2.1). */
export function checkCharsetSaving(selected: Selected, charset: string | null, result: ResultOptions | null): void {
  try {
    checkCharset(charset);
  } catch (err) {
    if (result?.options.includes('SAVE')) selected.savedResult = new Set();
    throw err;
  }
}
