// **SlotPool** is a counting semaphore: at most `size` holders at once, the rest wait in arrival order.

export class SlotPool {
  readonly #size: number;
  #held = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(opts: { readonly size: number }) {
    if (!Number.isInteger(opts.size) || opts.size < 1) throw new Error(`a slot pool needs a positive size, got ${opts.size}`);
    this.#size = opts.size;
  }

  get held(): number {
    return this.#held;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves with a release function once a slot is free; call it exactly once. */
  async acquire(): Promise<() => void> {
    if (this.#held < this.#size) {
      this.#held += 1;
    } else {
      // The releasing holder hands its slot straight to the next waiter, so #held stays counted.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held -= 1;
    };
  }
}
