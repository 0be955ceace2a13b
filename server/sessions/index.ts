export { idList } from './ids.ts';
export { LiteralLines, summarizeCommand } from './literals.ts';
export { MASK, maskImap, maskPop3, maskSmtp } from './mask.ts';
export { NO_RECORDER, type SessionRecorder } from './recorder.ts';
export { lineJson, type Line } from './record.ts';
export { SessionRegistry, UPDATE_MS, type SessionEvent, type SessionLimits, type SessionLogMode, type SessionQuery } from './registry.ts';
export type * from './types.ts';
