// **TurnQueue** runs blocking main-thread work (a search, a query's parse) one task per event-loop turn, so short requests are answered in between.
import { CatErrors } from '../core/errors.js';

/**
 * Node answers requests on one thread: twenty searches that arrive together run back to back, and a `/health`
 * that arrived with them waits for all twenty. Work sent through this queue runs one task per turn of the event
 * loop (each task is scheduled with `setImmediate` from the previous one, so the loop polls its sockets between
 * two tasks): a request that needs no such work (liveness, a static page, a reply already computed) waits for
 * at most one task, not for the whole queue. Tasks keep their order. More than `limit` waiting tasks means the
 * server is far behind: the next one is refused (CAT_ERR_RATE_LIMITED, 429) instead of queueing without bound.
 * This is admission control for the whole server's event-loop turns, not a per-client rate limit: it counts work
 * waiting, not requests per address over time, so `@fastify/rate-limit` (a request count per key and window) does
 * not do its job.
 */
export class TurnQueue {
  readonly #limit: number;
  readonly #tasks: Array<() => void> = [];
  #scheduled = false;

  constructor(options: { readonly limit?: number } = {}) {
    this.#limit = options.limit ?? 1_000;
  }

  get waiting(): number {
    return this.#tasks.length;
  }

  run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.#tasks.length >= this.#limit) {
      return Promise.reject(new CatErrors.RATE_LIMITED(`${this.#tasks.length} requests are waiting for the server; retry shortly`));
    }
    return new Promise<T>((resolve, reject) => {
      this.#tasks.push(() => {
        try {
          resolve(work());
        } catch (error) {
          reject(error);
        }
      });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#tasks.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const task = this.#tasks.shift();
      task?.();
      this.#schedule();
    });
  }
}
