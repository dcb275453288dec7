// TurnQueue: blocking tasks run one per event-loop turn, in order, with a bound on how many may wait.
import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../src/serve/turn-queue.js';

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* busy, as a synchronous search is */ }
}

describe('TurnQueue', () => {
  it('lets other callbacks run between two tasks, and keeps the tasks in order', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    const tasks = [1, 2, 3].map((n) => queue.run(() => { block(5); order.push(`task ${n}`); return n; }));
    // Queued after the tasks, as a /health request that arrives while they wait.
    const outside = new Promise<void>((resolve) => setImmediate(() => { order.push('outside'); resolve(); }));
    expect(await Promise.all(tasks)).toEqual([1, 2, 3]);
    await outside;
    expect(order).toEqual(['task 1', 'outside', 'task 2', 'task 3']);
  });

  it('passes a task’s error to its caller and goes on with the next', async () => {
    const queue = new TurnQueue();
    const failing = queue.run(() => { throw new Error('bad search'); });
    const next = queue.run(() => 'ok');
    await expect(failing).rejects.toThrow('bad search');
    expect(await next).toBe('ok');
  });

  it('refuses work beyond its limit with CAT_ERR_RATE_LIMITED instead of queueing without bound', async () => {
    const queue = new TurnQueue({ limit: 2 });
    const accepted = [queue.run(() => 1), queue.run(() => 2)];
    await expect(queue.run(() => 3)).rejects.toMatchObject({ code: 'CAT_ERR_RATE_LIMITED', statusCode: 429 });
    expect(await Promise.all(accepted)).toEqual([1, 2]);
    expect(await queue.run(() => 4)).toBe(4);
  });
});
