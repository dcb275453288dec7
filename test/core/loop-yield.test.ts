// LoopYield: a loop of settled awaits gives the event loop a turn once its budget is spent.
import { describe, expect, it } from 'vitest';
import { LoopYield } from '../../src/core/loop-yield.js';

describe('LoopYield', () => {
  it('lets a timer fire during a long loop of already-settled awaits, and not at every step', async () => {
    const loop = new LoopYield({ budgetMs: 5 });
    let fired = false;
    let firedAtStep = -1;
    setTimeout(() => { fired = true; }, 0);
    const started = performance.now();
    let step = 0;
    while (performance.now() - started < 60) {
      await loop.turn();
      await Promise.resolve();
      if (fired && firedAtStep === -1) firedAtStep = step;
      step++;
    }
    expect(fired).toBe(true);
    // The timer ran inside the loop, long before it ended, and most steps went on without waiting.
    expect(firedAtStep).toBeGreaterThan(0);
    expect(firedAtStep).toBeLessThan(step);
    expect(step).toBeGreaterThan(20);
  });
});
