// **AdaptiveBatch** sizes the SPARQL harvester's CONSTRUCT batches to the endpoint's speed: halve on a slow or failed batch, double on a fast one.
export interface AdaptiveBatchOptions {
  readonly initial: number;
  readonly max: number;
  /** A batch answered faster than this grows the next one. */
  readonly fastMs: number;
  /** A batch slower than this (but answered) shrinks the next one. */
  readonly slowMs: number;
}

export const DEFAULT_BATCH: AdaptiveBatchOptions = Object.freeze({ initial: 50, max: 1_000, fastMs: 1_500, slowMs: 8_000 });

/**
 * Endpoints differ by orders of magnitude (an in-process store describes 500 datasets in a second; a busy
 * public endpoint times out on 5), and one endpoint slows down under load: the batch follows the latest
 * answer, multiplicatively both ways so it settles within a few batches.
 */
export class AdaptiveBatch {
  readonly #o: AdaptiveBatchOptions;
  #size: number;

  constructor(options: Partial<AdaptiveBatchOptions> = {}) {
    this.#o = Object.freeze({ ...DEFAULT_BATCH, ...options });
    this.#size = Math.max(1, Math.min(this.#o.initial, this.#o.max));
  }

  get size(): number {
    return this.#size;
  }

  /** A batch of `n` datasets was answered in `ms`. */
  answered(n: number, ms: number): void {
    if (ms > this.#o.slowMs) this.#size = Math.max(1, Math.floor(Math.min(this.#size, n) / 2));
    else if (ms < this.#o.fastMs && n >= this.#size) this.#size = Math.min(this.#o.max, this.#size * 2);
  }

  /** A batch of `n` failed (timeout, 5xx): the next try takes half of it. */
  failed(n: number): number {
    this.#size = Math.max(1, Math.floor(Math.min(this.#size, n) / 2));
    return this.#size;
  }
}
