import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietTimer } from './quiet-timer.ts';

describe('quietTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once things are quiet for the delay', () => {
    const task = vi.fn();
    const timer = quietTimer(100, 1000, task);
    timer.schedule();
    vi.advanceTimersByTime(60);
    timer.schedule();
    vi.advanceTimersByTime(60);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs within the longest wait however steady the calls, then starts counting afresh', () => {
    const task = vi.fn();
    const timer = quietTimer(100, 1000, task);
    for (let t = 0; t < 2500; t += 20) {
      timer.schedule();
      vi.advanceTimersByTime(20);
    }
    expect(task).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(100);
    expect(task).toHaveBeenCalledTimes(3);
  });
});
