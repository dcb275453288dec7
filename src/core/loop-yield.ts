// **LoopYield** lets a long chain of already-settled awaits give the event loop a turn once it has run for a while.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A loop whose awaits mostly settle at once (records of a page already parsed, validation done in this thread)
 * runs as one unbroken stretch of microtasks: no socket is read meanwhile, so every request waits for the
 * whole stretch. `turn()` returns at once until `budgetMs` have passed since the last turn given, then waits for
 * the next turn of the event loop, where pending requests are answered.
 */
export class LoopYield {
  readonly #budgetMs: number;
  #since = performance.now();

  constructor(options: { readonly budgetMs?: number } = {}) {
    this.#budgetMs = options.budgetMs ?? 10;
  }

  async turn(): Promise<void> {
    if (performance.now() - this.#since < this.#budgetMs) return;
    await nextTurn();
    this.#since = performance.now();
  }
}
