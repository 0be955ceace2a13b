// THREAD and UID THREAD (RFC 5256 4): SEARCH, then the hits as threads, by ORDEREDSUBJECT or REFERENCES.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import { matchingMessages } from '../matching.ts';
import { parseCharset, parseSearch } from '../parse/search-keys.ts';
import type { SearchKey } from '../syntax.ts';
import { referenceThreads } from '../references.ts';
import { formatThreads, orderedSubjectThreads } from '../thread.ts';

const ALGORITHMS = { ORDEREDSUBJECT: orderedSubjectThreads, REFERENCES: referenceThreads };

export interface ThreadCommand {
  name: 'THREAD';
  uid: boolean;
  algorithm: keyof typeof ALGORITHMS;
  key: SearchKey;
}

export const thread = defineCommand({
  name: 'THREAD',
  access: 'selected',
  uidForm: true,
  holdsExpunges: true,
  parse(s, uid): ThreadCommand {
    s.sp();
    const algorithm = s.keyword();
    if (algorithm !== 'ORDEREDSUBJECT' && algorithm !== 'REFERENCES') throw bad(`unknown threading algorithm ${algorithm}`);
    s.sp();
    parseCharset(s);
    s.sp();
    return { name: 'THREAD', uid, algorithm, key: parseSearch(s) };
  },
  handle(ctx, command) {
    const hits = matchingMessages(ctx.selected, command.key);
    const threads = ALGORITHMS[command.algorithm](hits, (seq, message) => (command.uid ? message.id : seq));
    ctx.untagged(threads.length ? `THREAD ${formatThreads(threads)}` : 'THREAD');
  },
});
