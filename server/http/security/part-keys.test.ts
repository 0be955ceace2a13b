import { describe, expect, it } from 'vitest';
import { PartKeys } from './part-keys.ts';

describe('PartKeys', () => {
  it('opens the one part of the one message it was made for', () => {
    const keys = new PartKeys();
    const key = keys.key(7, '1.2');
    expect(keys.opens('/api/v1/messages/7/attachments/1.2', key)).toBe(true);
    expect(keys.opens('/api/v1/messages/7/attachments/1.3', key)).toBe(false);
    expect(keys.opens('/api/v1/messages/8/attachments/1.2', key)).toBe(false);
    expect(keys.opens('/api/v1/messages/7/raw', key)).toBe(false);
    expect(keys.opens('/api/v1/messages/7/attachments/1.2', undefined)).toBe(false);
    expect(keys.opens('/api/v1/messages/7/attachments/%E0', key)).toBe(false);
    // Another sandbox (or a restart) has another secret.
    expect(new PartKeys().opens('/api/v1/messages/7/attachments/1.2', key)).toBe(false);
  });
});
