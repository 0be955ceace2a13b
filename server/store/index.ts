export { MessageStore } from './store.ts';
export type { StoreEvent, StoreLimits, AddOptions, ListFilter, Page, FlagMode, FlagResult, FolderState, StoreStats } from './store.ts';
export { StoreError } from './errors.ts';
export type { StoreErrorCode } from './errors.ts';
export * from './message.ts';
export * from './folders.ts';
export { waitForMessage, matchesWaitFilter, WaitTimeoutError } from './wait.ts';
export type { WaitFilter } from './wait.ts';
