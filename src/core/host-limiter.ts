// **HostLimiter** keeps harvesting polite: at most N requests in flight per host and a pause between starts.

export interface HostLimiterOptions {
  /** Requests in flight at once against one host (1–2 is polite). */
  readonly concurrency: number;
  /** Minimum milliseconds between the starts of two requests to one host. */
  readonly delayMs: number;
}

interface HostState {
  active: number;
  lastStart: number;
  readonly waiting: Array<() => void>;
}

export class HostLimiter {
  readonly #options: HostLimiterOptions;
  readonly #hosts = new Map<string, HostState>();

  constructor(options: HostLimiterOptions) {
    this.#options = Object.freeze({ concurrency: Math.max(1, options.concurrency), delayMs: Math.max(0, options.delayMs) });
  }

  /** Runs `task` when `host` has a free slot and its politeness delay has passed. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.#state(host);
    if (state.active >= this.#options.concurrency) {
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    } else {
      state.active += 1;
    }
    try {
      const wait = state.lastStart + this.#options.delayMs - Date.now();
      // Reserve our start time before sleeping so a concurrent slot spaces itself after us.
      state.lastStart = Math.max(Date.now(), state.lastStart + this.#options.delayMs);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await task();
    } finally {
      const next = state.waiting.shift();
      // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      if (next) next();
      // State is kept after the last request so the delay also spaces sequential requests.
      else state.active -= 1;
    }
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: 0, waiting: [] };
      this.#hosts.set(host, state);
    }
    return state;
  }
}
