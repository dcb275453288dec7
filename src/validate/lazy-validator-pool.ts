// **LazyValidatorPool** starts a ValidatorPool the first time a validation needs one, and closes it only if it started.
import { ValidatorPool, type ValidatorPoolOptions } from './validator-pool.js';

// A pool's workers each load the TypeScript loader and compile shapes when started: a process that never
// validates (an API node, a test) should not pay for them.
export class LazyValidatorPool {
  readonly #options: ValidatorPoolOptions;
  #started: Promise<ValidatorPool> | undefined;
  #closed = false;

  constructor(options: ValidatorPoolOptions) {
    this.#options = options;
  }

  get(): Promise<ValidatorPool> {
    if (this.#closed) return Promise.reject(new Error('the validator pool is closed'));
    if (this.#started === undefined) {
      const started = ValidatorPool.start(this.#options);
      // A pool that failed to start is tried again by the next caller.
      started.catch(() => { if (this.#started === started) this.#started = undefined; });
      this.#started = started;
    }
    return this.#started;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pool = await this.#started?.catch(() => undefined);
    await pool?.close();
  }
}
