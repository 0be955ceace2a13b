// THREAD and UID THREAD (RFC 5256 4): SEARCH, then the hits as threads, by ORDEREDSUBJECT or REFERENCES.
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';
import type { StoredMessage } from '../../store/message.ts';
import { forEachMatch } from '../matching.ts';
import { parseCharset, parseSearchKeys } from '../parse/search-keys.ts';
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
    return { name: 'THREAD', uid, algorithm, key: parseSearchKeys(s) };
  },
  handle(ctx, command) {
    const hits: Array<[number, StoredMessage]> = [];
    return forEachMatch(
      ctx,
      command.key,
      (seq, message) => {
        // Read the headers here, in slices: the threading itself then has little left to do.
        void message.content.meta;
        hits.push([seq, message]);
      },
      () => {
        const threads = ALGORITHMS[command.algorithm](hits, (seq, message) => (command.uid ? message.uid : seq));
        ctx.untagged(threads.length ? `THREAD ${formatThreads(threads)}` : 'THREAD');
      },
    );
  },
});
