// HostLimiter: per-host concurrency and spacing, independent hosts in parallel.
import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/core/host-limiter.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HostLimiter', () => {
  it.each([1, 2])('keeps at most %i request(s) in flight per host', async (concurrency) => {
    const limiter = new HostLimiter({ concurrency, delayMs: 0 });
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick(10);
      active -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => limiter.run('a.example', task)));
    expect(peak).toBe(concurrency);
  });

  it('does not hold one host back for another', async () => {
    const limiter = new HostLimiter({ concurrency: 1, delayMs: 0 });
    const order: string[] = [];
    const slow = limiter.run('slow.example', async () => {
      await tick(50);
      order.push('slow');
    });
    await limiter.run('fast.example', async () => void order.push('fast'));
    await slow;
    expect(order).toEqual(['fast', 'slow']);
  });

  it('spaces request starts to one host by the delay, also when they come one after another', async () => {
    const limiter = new HostLimiter({ concurrency: 2, delayMs: 40 });
    const starts: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) await limiter.run('a.example', async () => void starts.push(Date.now()));
    // Start slots are reserved delay apart from the first (taken no earlier than t0): the n-th start
    // comes at least n × delay after t0, less the millisecond a Node timer may fire early.
    expect(starts[1]! - t0).toBeGreaterThanOrEqual(38);
    expect(starts[2]! - t0).toBeGreaterThanOrEqual(78);
  });
});
