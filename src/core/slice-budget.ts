// **SliceBudget** sizes slices of synchronous work (records written, rows indexed) so each holds the thread for about the same time.
//
// Work on the event loop that grows with its input (a batch of records committed with their search and quality rows)
// holds every request for as long as it runs. Cut into slices with a turn of the event loop between them, a request
// waits for one slice at most; a fixed slice size cannot do that, since the cost per unit differs by machine, load and
// record shape. The budget learns the cost per unit from the slices already done (a moving average) and sizes the
// next slice to fit its time.

export interface SliceBudgetOptions {
  /** Main-thread time one slice should take. */
  readonly budgetMs?: number;
  /** The cost per unit assumed before any slice was measured. */
  readonly initialMsPerUnit?: number;
  /** Units per slice at most, however cheap they turn out. */
  readonly maxUnits?: number;
  /**
   * Units per slice at least, however dear they seem: a slice has a fixed cost too (a commit, a message), and on a
   * loaded machine a slice's wall time counts the time the thread waited for a core, which would shrink slices to
   * nothing.
   */
  readonly minUnits?: number;
}

export class SliceBudget {
  readonly #budgetMs: number;
  readonly #maxUnits: number;
  readonly #minUnits: number;
  #msPerUnit: number;

  constructor(options: SliceBudgetOptions = {}) {
    this.#budgetMs = options.budgetMs ?? 15;
    this.#msPerUnit = options.initialMsPerUnit ?? 0.05;
    this.#maxUnits = options.maxUnits ?? 100_000;
    this.#minUnits = Math.max(1, Math.min(this.#maxUnits, options.minUnits ?? 1));
  }

  /** Units the next slice may hold (at least `minUnits`; a single item dearer than that is still one slice). */
  get units(): number {
    return Math.max(this.#minUnits, Math.min(this.#maxUnits, Math.floor(this.#budgetMs / this.#msPerUnit)));
  }

  /** Reports what a slice of `units` cost; later slices are sized from it. */
  learn(units: number, ms: number): void {
    if (units <= 0 || !Number.isFinite(ms) || ms < 0) return;
    // A moving average follows the machine's load; a slice the thread was preempted in (many times the usual cost
    // per unit on a loaded machine) counts as at most four times the average, so one outlier does not swing it.
    const sample = Math.min(ms / units, 4 * this.#msPerUnit);
    this.#msPerUnit = Math.max(1e-4, 0.8 * this.#msPerUnit + 0.2 * sample);
  }

  /**
   * Cuts `items` into consecutive slices whose summed `weight` fits `units` (an item alone may exceed it), sized
   * when each slice is taken, so costs learnt from one slice size the next.
   */
  *slices<T>(items: readonly T[], weight: (item: T) => number): Generator<T[]> {
    let at = 0;
    while (at < items.length) {
      const limit = this.units;
      const slice: T[] = [items[at]!];
      let units = weight(items[at]!);
      at += 1;
      while (at < items.length && units + weight(items[at]!) <= limit) {
        units += weight(items[at]!);
        slice.push(items[at]!);
        at += 1;
      }
      yield slice;
    }
  }
}
