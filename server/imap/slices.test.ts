import { describe, expect, it } from 'vitest';
import { SliceQueue } from './slices.ts';

describe('SliceQueue', () => {
  it('runs one slice per turn of the event loop, long commands in rotation, socket events in between', async () => {
    const queue = new SliceQueue();
    const order: string[] = [];
    const job = (name: string, slices: number) => {
      let left = slices;
      return () => {
        order.push(name);
        return --left > 0;
      };
    };
    queue.add(job('a', 3));
    queue.add(job('b', 2));
    // Something that arrives meanwhile (as a socket read would) runs before the next slice.
    setImmediate(() => order.push('io'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['a', 'io', 'b', 'a', 'b', 'a']);
  });
});
