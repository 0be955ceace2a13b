// The typed commands the parser produces, one shape per command name. UID forms share the shape of
// the plain command with `uid: true`.
import type { FetchAttribute, SearchKey, SequenceSet } from './syntax.ts';

export type StoreMode = 'add' | 'remove' | 'replace';

export type Command =
  | { name: 'CAPABILITY' | 'NOOP' | 'LOGOUT' | 'STARTTLS' | 'NAMESPACE' | 'CHECK' | 'CLOSE' | 'UNSELECT' | 'IDLE' }
  | { name: 'LOGIN'; user: string; password: string }
  | { name: 'AUTHENTICATE'; mechanism: string; initialResponse: string | null }
  | { name: 'SELECT' | 'EXAMINE'; mailbox: string; condstore: boolean; qresync: QresyncParameters | null }
  | { name: 'CREATE' | 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE'; mailbox: string }
  | { name: 'RENAME'; from: string; to: string }
  | {
      name: 'LIST';
      reference: string;
      patterns: string[];
      selectSubscribed: boolean;
      selectSpecialUse: boolean;
      /** RETURN (SUBSCRIBED) or the SUBSCRIBED selection: mark subscribed folders \Subscribed. */
      returnSubscribed: boolean;
    }
  | { name: 'LSUB'; reference: string; patterns: string[] }
  | { name: 'STATUS'; mailbox: string; items: StatusItem[] }
  | { name: 'APPEND'; mailbox: string; flags: string[]; date: Date | null; message: Buffer }
  | { name: 'ID'; parameters: Array<[string, string | null]> | null }
  | { name: 'ENABLE'; capabilities: string[] }
  | { name: 'EXPUNGE'; uid: boolean; set: SequenceSet | null }
  | { name: 'SEARCH'; uid: boolean; key: SearchKey }
  | {
      name: 'FETCH';
      uid: boolean;
      set: SequenceSet;
      attributes: FetchAttribute[];
      changedSince: number | null;
      /** QRESYNC: also report which UIDs of the set are gone (VANISHED (EARLIER)). */
      vanished: boolean;
    }
  | {
      name: 'STORE';
      uid: boolean;
      set: SequenceSet;
      mode: StoreMode;
      silent: boolean;
      flags: string[];
      unchangedSince: number | null;
    }
  | { name: 'COPY' | 'MOVE'; uid: boolean; set: SequenceSet; mailbox: string };

/** SELECT ... (QRESYNC (uidvalidity modseq [known-uids])) (RFC 7162 3.2.5); seq-match data is read and not used. */
export interface QresyncParameters {
  uidValidity: number;
  modseq: number;
  knownUids: SequenceSet | null;
}

export type CommandName = Command['name'];

export type StatusItem = 'MESSAGES' | 'RECENT' | 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN' | 'HIGHESTMODSEQ';

export const STATUS_ITEMS: readonly StatusItem[] = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'HIGHESTMODSEQ'];
