// **startupGate** holds requests that need start-up work `sheaf serve` finishes after listening, so none is answered early.
import fp from 'fastify-plugin';
import { CatErrors } from '../core/errors.js';

// Why: liveness must answer as soon as the process can (`/health`), but some start-up work only makes answers
// right, it is not needed to answer at all: the current ontologies' graphs must be in the SPARQL store before a
// portal's query over them is answered. `sheaf serve` listens first, then does that work and opens the gate; a
// request arriving meanwhile waits for it, up to its own deadline, then gets 503 CAT_ERR_STORE_UNAVAILABLE (as
// while the store's index rebuilds), and `/health/ready` answers 503 until the gate is open.

/** One-shot: open once start-up work is done, or failed with the reason the process is stopping. */
export class StartupGate {
  readonly #settled: Promise<void>;
  #open!: () => void;
  #done = false;
  #failure: Error | undefined;

  /** `pending` says what is not done yet, for readiness and refusals (e.g. "writing the current ontologies' graphs"). */
  constructor(readonly pending: string) {
    this.#settled = new Promise<void>((resolve) => (this.#open = resolve));
  }

  get done(): boolean {
    return this.#done;
  }

  /** The reason start-up failed, if it did (requests waiting are then refused). */
  get failure(): Error | undefined {
    return this.#failure;
  }

  open(): void {
    this.#done = true;
    this.#open();
  }

  fail(error: Error): void {
    this.#failure ??= error;
    this.#open();
  }

  /** Resolves true once open, false when `ms` passed first or start-up failed. */
  async wait(ms: number): Promise<boolean> {
    if (this.#done) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    try {
      await Promise.race([this.#settled, late]);
    } finally {
      clearTimeout(timer);
    }
    return this.#done;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Present under `sheaf serve`: start-up work done after listening (see src/serve/startup-gate.ts). */
    startup?: StartupGate;
  }
}

/** Routes answered before the gate opens: liveness, readiness (which reports the gate) and metrics. */
const UNGATED: ReadonlySet<string> = new Set(['/health', '/health/ready', '/metrics']);

export const startupGatePlugin = fp<{ readonly gate: StartupGate }>(
  async (app, opts) => {
    const { gate } = opts;
    app.decorate('startup', gate);
    app.addHook('onRequest', async (request) => {
      if (gate.done || UNGATED.has(request.routeOptions.url ?? '')) return;
      // A request waits no longer than a query may run.
      if (await gate.wait(app.config.queryTimeoutMs)) return;
      const detail = gate.failure ? `start-up failed (${gate.failure.message})` : `starting: ${gate.pending}`;
      throw Object.assign(new CatErrors.STORE_UNAVAILABLE(detail), { headers: { 'retry-after': '1' } });
    });
  },
  { name: 'sheaf-startup', dependencies: ['sheaf-services'] },
);
