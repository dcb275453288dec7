// **IndexWorker** runs one Oxigraph index in a worker thread (a WorkerChannel): numbered requests, deadlines, runaway detection.
import { CatErrors } from '../core/errors.js';
import { WorkerChannel, type Owed } from '../core/worker-channel.js';
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

/** A request still owed an answer when the worker was terminated. */
export type Unanswered = Owed<IndexRequest>;

export class IndexWorker {
  readonly #channel: WorkerChannel<IndexRequest, IndexReply>;
  readonly #options: IndexWorkerOptions;

  private constructor(channel: WorkerChannel<IndexRequest, IndexReply>, options: IndexWorkerOptions) {
    this.#channel = channel;
    this.#options = options;
  }

  /** Starts a worker and waits until its Oxigraph store exists. */
  static async start(options: IndexWorkerOptions): Promise<IndexWorker> {
    const channel = await WorkerChannel.start<IndexRequest, IndexReply>({
      entry: ENTRY,
      label: 'index worker',
      answer: (reply, request) => (reply.ok ? { ok: true, value: reply.value } : { ok: false, error: errorFor(request, reply.error) }),
      // A dead worker answers nothing more: everything it owed fails now (a replace it owed is already in the
      // log, so it will be back after the rebuild even though its caller saw an error).
      crashError: (reason) => new CatErrors.STORE_UNAVAILABLE(reason),
      goneReason: 'the query engine is restarting',
      onFailure: (reason) => options.onFailure(reason),
    });
    return new IndexWorker(channel, options);
  }

  /**
   * Sends one request; with `timeoutMs`, the caller gets CAT_ERR_QUERY_TIMEOUT at the deadline. `transfer`
   * moves those buffers to the worker instead of copying them (they are unusable here afterwards).
   * `onSettled` tells when the worker is really done with the request, which a timeout does not.
   * `failOnTimeout`: the request must not complete after its deadline (a write), so the worker fails at once.
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
    const timeoutMs = options.timeoutMs;
    return this.#channel.request((id) => ({ ...call, id }) as IndexRequest, {
      // The worker cannot interrupt a query; it gets a grace period past the deadline, then counts as a runaway.
      ...(timeoutMs !== undefined && timeoutMs > 0 && {
        deadline: {
          ms: timeoutMs,
          error: () => new CatErrors.QUERY_TIMEOUT(String(timeoutMs)),
          graceMs: options.failOnTimeout === true ? 0 : this.#options.runawayGraceMs,
        },
      }),
      ...(options.transfer !== undefined && { transfer: options.transfer }),
      ...(options.onSettled !== undefined && { onSettled: options.onSettled }),
    }) as Promise<T>;
  }

  /** Stops the thread at once; returns the requests it still owed, for the owner to settle or resend. */
  terminate(): Unanswered[] {
    return this.#channel.terminate();
  }
}

function errorFor(request: IndexRequest, message: string): Error {
  if (request.op === 'query' || request.op === 'update') return new CatErrors.BAD_QUERY(message);
  return new CatErrors.INTERNAL(`index worker: ${message}`);
}
