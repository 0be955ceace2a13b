export type StoreErrorCode = 'no-such-folder' | 'folder-exists' | 'folder-protected' | 'bad-folder-name' | 'folder-has-children';

/** A refusal by the store; each protocol turns it into its own reply in one place. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
