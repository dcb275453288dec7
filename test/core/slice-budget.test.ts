// SliceBudget: slices of synchronous work sized from what earlier slices cost, never empty, never past the budget by choice.
import { describe, expect, it } from 'vitest';
import { SliceBudget } from '../../src/core/slice-budget.js';

const sizes = (slices: Iterable<number[]>) => [...slices].map((s) => s.length);

describe('SliceBudget', () => {
  it('cuts items by weight to fit the units the budget allows, an item heavier than the budget alone', () => {
    const budget = new SliceBudget({ budgetMs: 10, initialMsPerUnit: 1 }); // 10 units a slice
    expect(budget.units).toBe(10);
    const items = [3, 3, 3, 3, 50, 1, 1];
    const slices = [...budget.slices(items, (w) => w)];
    expect(slices).toEqual([[3, 3, 3], [3], [50], [1, 1]]);
    expect(slices.flat()).toEqual(items);
  });

  it('sizes later slices from what earlier ones cost, and one preempted slice does not collapse them', () => {
    const budget = new SliceBudget({ budgetMs: 10, initialMsPerUnit: 1 });
    for (let i = 0; i < 20; i++) budget.learn(100, 10); // 0.1 ms a unit: about 100 units a slice
    expect(budget.units).toBeGreaterThan(80);
    const before = budget.units;
    budget.learn(1, 500); // one slice of one unit took half a second (the thread was preempted)
    expect(budget.units).toBeGreaterThan(before / 2);
    for (let i = 0; i < 20; i++) budget.learn(10, 10); // now 1 ms a unit
    expect(budget.units).toBeLessThan(15);
    expect(sizes(budget.slices(Array(30).fill(1), () => 1)).every((n) => n <= budget.units)).toBe(true);
  });
});
