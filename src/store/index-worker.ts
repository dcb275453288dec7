// **IndexWorker** runs one Oxigraph index in a worker thread: numbered requests, deadlines, runaway detection.
import { Worker } from 'node:worker_threads';
import { CatErrors } from '../core/errors.js';
import type { IndexCall, IndexReply, IndexRequest } from './index-protocol.js';

const ENTRY = new URL('./oxigraph-worker.js', import.meta.url);

export interface IndexWorkerOptions {
  /**
   * Called once when this worker can no longer be trusted: it crashed, or a query kept running this long
   * after its deadline (`runawayGraceMs`). The owner then terminates it and builds a new one.
   */
  readonly onFailure: (reason: string) => void;
  readonly runawayGraceMs: number;
}

interface Pending {
  readonly request: IndexRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly failOnTimeout: boolean;
  /** Called once the worker is done with it: its reply came (even after a timeout), or the worker is gone. */
  readonly onSettled?: () => void;
  timer?: NodeJS.Timeout;
  /** Its caller has already been answered (timed out); the reply, if it ever comes, is dropped. */
  abandoned?: boolean;
}

/** A request still owed an answer when the worker was terminated. */
export interface Unanswered {
  readonly request: IndexRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class IndexWorker {
  readonly #worker: Worker;
  readonly #options: IndexWorkerOptions;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failed = false;
  #terminated = false;

  private constructor(worker: Worker, options: IndexWorkerOptions) {
    this.#worker = worker;
    this.#options = options;
    worker.on('message', (reply: IndexReply) => this.#settle(reply));
    worker.on('error', (error) => this.#crash(`index worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.#crash(`index worker exited with code ${code}`));
  }

  /** Starts a worker and waits until its Oxigraph store exists. */
  static async start(options: IndexWorkerOptions): Promise<IndexWorker> {
    // The worker is plain JS: no loader flags (a parent's `--import tsx` would cost a second per start).
    const worker = new Worker(ENTRY, { execArgv: [] });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      const onExit = (code: number): void => reject(new Error(`index worker exited with code ${code} while starting`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve();
      });
    });
    // An idle worker must not keep the process alive (the CLI exits when its work is done).
    worker.unref();
    return new IndexWorker(worker, options);
  }

  /**
   * Sends one request; with `timeoutMs`, the caller gets CAT_ERR_QUERY_TIMEOUT at the deadline. `transfer`
   * moves those buffers to the worker instead of copying them (they are unusable here afterwards).
   * `onSettled` tells when the worker is really done with the request, which a timeout does not.
   */
  request<T>(
    call: IndexCall,
    options: {
      readonly timeoutMs?: number;
      readonly failOnTimeout?: boolean;
      readonly transfer?: readonly ArrayBuffer[];
      readonly onSettled?: () => void;
    } = {},
  ): Promise<T> {
    if (this.#terminated) return Promise.reject(new CatErrors.STORE_UNAVAILABLE('the query engine is restarting'));
    const id = this.#nextId++;
    const request = { ...call, id } as IndexRequest;
    return new Promise<T>((resolve, reject) => {
      const failOnTimeout = options.failOnTimeout ?? false;
      const pending: Pending = { request, resolve: resolve as (v: unknown) => void, reject, failOnTimeout, onSettled: options.onSettled };
      if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
        const timeoutMs = options.timeoutMs;
        pending.timer = setTimeout(() => this.#expire(pending, timeoutMs), timeoutMs);
      }
      this.#pending.set(id, pending);
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage(request, options.transfer ?? []);
    });
  }

  /** Stops the thread at once; returns the requests it still owed, for the owner to settle or resend. */
  terminate(): Unanswered[] {
    this.#terminated = true;
    const owed: Unanswered[] = [];
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      if (!pending.abandoned) owed.push(pending);
    }
    const done = [...this.#pending.values()];
    this.#pending.clear();
    void this.#worker.terminate();
    for (const pending of done) pending.onSettled?.();
    return owed;
  }

  #expire(pending: Pending, timeoutMs: number): void {
    pending.abandoned = true;
    pending.reject(new CatErrors.QUERY_TIMEOUT(String(timeoutMs)));
    if (pending.failOnTimeout) {
      this.#fail(`a request passed its ${timeoutMs} ms deadline and must not complete later`);
      return;
    }
    // The worker cannot interrupt the query; give it a grace period, then declare it a runaway.
    pending.timer = setTimeout(() => {
      if (this.#pending.has(pending.request.id)) this.#fail(`a query ran ${timeoutMs + this.#options.runawayGraceMs} ms`);
    }, this.#options.runawayGraceMs);
    pending.timer.unref();
  }

  #settle(reply: IndexReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    clearTimeout(pending.timer);
    pending.onSettled?.();
    if (pending.abandoned) return;
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(errorFor(pending.request, reply.error));
  }

  // A dead worker answers nothing more: everything it owed fails now (a replace it owed is already in the
  // log, so it will be back after the rebuild even though its caller saw an error).
  #crash(reason: string): void {
    if (this.#terminated) return;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      if (!pending.abandoned) pending.reject(new CatErrors.STORE_UNAVAILABLE(reason));
    }
    const done = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of done) pending.onSettled?.();
    this.#fail(reason);
  }

  #fail(reason: string): void {
    if (this.#failed || this.#terminated) return;
    this.#failed = true;
    this.#options.onFailure(reason);
  }
}

function errorFor(request: IndexRequest, message: string): Error {
  if (request.op === 'query' || request.op === 'update') return new CatErrors.BAD_QUERY(message);
  return new CatErrors.INTERNAL(`index worker: ${message}`);
}
