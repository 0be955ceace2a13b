// The FLAGS and PERMANENTFLAGS a session is told (RFC 3501 7.2.6): the system flags and every keyword
// of the folder. A client may assume FLAGS lists every flag it will see, so no FETCH may carry a
// keyword before an untagged FLAGS named it. A folder's keyword list only grows, so a session only
// has to remember how much of it has been announced.
import { SYSTEM_FLAGS } from '../store/flags.ts';
import type { Selected } from './context.ts';
import type { Output } from './encoder.ts';

/** Writes `* FLAGS` and `* OK [PERMANENTFLAGS]` with the folder's keywords as they are now. */
export function writeFlagLists(out: Output, selected: Selected): void {
  const keywords = selected.folder.keywords;
  const flags = keywords.size ? `${SYSTEM_FLAGS.join(' ')} ${[...keywords].join(' ')}` : SYSTEM_FLAGS.join(' ');
  out.text(`* FLAGS (${flags})\r\n`);
  out.text(`* OK [PERMANENTFLAGS (${selected.readOnly ? '' : `${flags} \\*`})] Flags permitted\r\n`);
  selected.announcedKeywords = keywords.size;
}

/** Before any FETCH response that may carry flags: repeats the lists if the folder gained a keyword since. */
export function announceNewKeywords(out: Output, selected: Selected): void {
  if (selected.folder.keywords.size !== selected.announcedKeywords) writeFlagLists(out, selected);
}
