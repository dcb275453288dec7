// **IndexReplicas** keeps the embedded store's query index as one or more identical Oxigraph workers: writes go to every
// replica, each query to one idle replica, and a replica lost to a runaway query is rebuilt while the others answer.
import { createHash } from 'node:crypto';
import { CatErrors } from '../core/errors.js';
import { graphBatch } from './graph-batch.js';
import type { GraphRow } from './graph-log.js';
import type { GraphBatch, IndexCall } from './index-protocol.js';
import { IndexWorker } from './index-worker.js';
import { lineCount } from './line-count.js';

// Why replicas: Oxigraph's wasm engine cannot interrupt a query, so a query that runs on past its deadline can
// only be stopped by terminating its worker, and a worker's index can only be rebuilt from the log (the whole
// catalogue parsed again). With one worker every request waits for that rebuild; with a second, identical one
// the rebuild happens beside a replica that keeps answering, and two queries run on two cores at once.
// The price is memory: each replica holds the whole index.

export interface IndexReplicasOptions {
  /** How many identical workers to keep (at least 1). */
  readonly replicas: number;
  /** How long a query may run past its deadline before its worker is terminated and rebuilt. */
  readonly runawayGraceMs: number;
  /** Loads the whole log into a fresh worker. Writes may land in the log meanwhile: they are replayed after. */
  readonly load: (worker: IndexWorker) => Promise<void>;
  /** A graph's current log row (undefined: it holds nothing now), to catch a freshly loaded replica up. */
  readonly row: (graph: string) => GraphRow | undefined;
}

/** What the replicas are doing, for readiness. */
export interface IndexHealth {
  /** Replicas answering queries. */
  readonly live: number;
  /** Replicas being (re)built from the log. */
  readonly loading: number;
  /** Queries waiting for an idle replica. */
  readonly queued: number;
  /** Replicas rebuilt since the start because a query ran away or a worker crashed. */
  readonly rebuilds: number;
}

interface Replica {
  worker: IndexWorker | undefined;
  state: 'loading' | 'live' | 'closed';
  /** Graphs written while it was loading: read again from the log and applied before it goes live. */
  touched: Set<string>;
  /** The query or update running on it, if any: a replica runs one at a time. */
  running: Queued | undefined;
}

interface Queued {
  readonly call: IndexCall;
  readonly deadline: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly failOnTimeout: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  /** Its deadline passed before the worker answered. */
  late?: boolean;
}

// A query that made a replica a runaway is refused for this long when asked again, so that repeating it (a
// client retrying, or many clients) cannot keep every replica rebuilding.
const RUNAWAY_MEMORY_MS = 10 * 60_000;

export class IndexReplicas {
  readonly #options: IndexReplicasOptions;
  readonly #replicas: Replica[] = [];
  readonly #queue: Queued[] = [];
  /** Fingerprints of queries that turned runaway, with when they may run again. */
  readonly #runaways = new Map<string, number>();
  #closed = false;
  #rebuilds = 0;

  private constructor(options: IndexReplicasOptions) {
    this.#options = options;
  }

  /** Builds the first replica (its failure is the caller's), then the others in the background. */
  static async start(options: IndexReplicasOptions): Promise<IndexReplicas> {
    const pool = new IndexReplicas(options);
    await pool.#build(pool.#add());
    for (let i = 1; i < Math.max(1, options.replicas); i++) pool.#rebuild(pool.#add());
    return pool;
  }

  health(): IndexHealth {
    return {
      live: this.#replicas.filter((r) => r.state === 'live').length,
      loading: this.#replicas.filter((r) => r.state === 'loading').length,
      queued: this.#queue.length,
      rebuilds: this.#rebuilds,
    };
  }

  /**
   * Sends rows already committed to the log to every replica; settles once one live replica applied them (the
   * others apply them before any query sent to them later, as a worker answers messages in order). With no
   * live replica, the replicas being built pick the rows up from the log.
   */
  write(rows: readonly GraphRow[], existed: readonly boolean[]): Promise<void> {
    const live = this.#replicas.filter((r) => r.state === 'live');
    for (const replica of this.#replicas) {
      if (replica.state === 'loading') for (const row of rows) replica.touched.add(row.graph);
    }
    if (live.length === 0 || rows.length === 0) return Promise.resolve();
    const batch = graphBatch(rows, existed);
    const applied = live.map((replica, i) => this.#send(replica, i === live.length - 1 ? batch : copyBatch(batch)));
    return Promise.any(applied).then(
      () => undefined,
      (error: AggregateError) => {
        throw error.errors[0] as Error;
      },
    );
  }

  /** A SELECT, ASK or CONSTRUCT on one idle replica; the wait for one counts against `timeoutMs`. */
  query<T>(call: IndexCall, options: { readonly timeoutMs?: number } = {}): Promise<T> {
    return this.#enqueue<T>(call, { timeoutMs: options.timeoutMs, failOnTimeout: false });
  }

  /**
   * A SPARQL Update on one replica; `commit` logs the graphs it changed (returning, per graph, whether it had
   * content before) and the other replicas then apply them. A timed-out update may still finish, so its
   * replica is rebuilt: the caller was told it failed, and it must not half-survive.
   */
  async update(call: IndexCall, options: { readonly timeoutMs?: number; readonly commit: (rows: GraphRow[]) => boolean[] }): Promise<void> {
    const changed = await this.#enqueue<[string, string][]>(call, { timeoutMs: options.timeoutMs, failOnTimeout: true });
    const rows = changed.map(([graph, ntriples]) => ({ graph, ntriples, quads: lineCount(ntriples) }));
    const existed = options.commit(rows);
    // The replica that ran it already holds the result; applying the same text again changes nothing there.
    await this.write(rows, existed);
  }

  close(): void {
    this.#closed = true;
    for (const queued of this.#queue.splice(0)) {
      clearTimeout(queued.timer);
      queued.reject(new CatErrors.STORE_UNAVAILABLE('the store is closed'));
    }
    for (const replica of this.#replicas) {
      replica.state = 'closed';
      replica.worker?.terminate();
    }
  }

  #add(): Replica {
    const replica: Replica = { worker: undefined, state: 'loading', touched: new Set(), running: undefined };
    this.#replicas.push(replica);
    return replica;
  }

  #send(replica: Replica, batch: GraphBatch): Promise<unknown> {
    return replica.worker!.request({ op: 'replace', batch }, { transfer: [batch.bytes.buffer as ArrayBuffer] });
  }

  async #build(replica: Replica): Promise<void> {
    replica.state = 'loading';
    replica.touched = new Set();
    const worker = await IndexWorker.start({ onFailure: (reason) => this.#lost(replica, worker, reason), runawayGraceMs: this.#options.runawayGraceMs });
    if (this.#closed) {
      worker.terminate();
      return;
    }
    replica.worker = worker;
    try {
      await this.#options.load(worker);
    } catch (error) {
      worker.terminate();
      replica.worker = undefined;
      throw error;
    }
    if (this.#closed || replica.worker !== worker) return;
    // Catch up, in one synchronous step so no write slips between: graphs written while the log was read are
    // sent again as the log holds them now (replacing a graph with what it already holds changes nothing).
    if (replica.touched.size > 0) {
      const parts = [...replica.touched].map((graph) => ({ graph, ntriples: this.#options.row(graph)?.ntriples ?? '' }));
      void this.#send(replica, graphBatch(parts, parts.map(() => true))).catch(() => {});
    }
    replica.touched = new Set();
    replica.state = 'live';
    this.#dispatch();
  }

  /** Builds a replica again in the background; while it loads, the others answer. */
  #rebuild(replica: Replica): void {
    this.#build(replica).catch((error: Error) => {
      if (this.#closed) return;
      process.emitWarning(`sheaf: an index replica could not be built: ${error.message}`);
      this.#replicas.splice(this.#replicas.indexOf(replica), 1);
      this.#failQueueIfNoneLeft();
    });
  }

  // A worker crashed or ran a query far past its deadline: terminate it and build it again from the log, which
  // holds every write that returned. Replaces it still owed are in the log, so they count as done.
  #lost(replica: Replica, worker: IndexWorker, reason: string): void {
    // A replica still loading fails its load instead (the worker rejected what it owed).
    if (this.#closed || replica.worker !== worker || replica.state !== 'live') return;
    process.emitWarning(`sheaf: rebuilding an embedded index replica: ${reason}`);
    this.#rebuilds++;
    const running = replica.running;
    if (running?.late) this.#runaways.set(fingerprint(running.call), Date.now() + RUNAWAY_MEMORY_MS);
    replica.running = undefined;
    replica.worker = undefined;
    for (const call of worker.terminate()) {
      if (call.request.op === 'replace') call.resolve(0);
      else call.reject(new CatErrors.STORE_UNAVAILABLE(`the query engine was restarted (${reason}); retry`));
    }
    this.#rebuild(replica);
    this.#failQueueIfNoneLeft();
    this.#dispatch();
  }

  // With no replica live, queued queries would wait a whole rebuild: they are refused at once instead.
  #failQueueIfNoneLeft(): void {
    if (this.#replicas.some((r) => r.state === 'live')) return;
    const message = this.#replicas.length === 0 ? 'the query engine could not be rebuilt' : 'the query engine is rebuilding its index; retry shortly';
    for (const queued of this.#queue.splice(0)) {
      clearTimeout(queued.timer);
      queued.reject(new CatErrors.STORE_UNAVAILABLE(message));
    }
  }

  #enqueue<T>(call: IndexCall, options: { readonly timeoutMs?: number; readonly failOnTimeout: boolean }): Promise<T> {
    if (this.#closed) return Promise.reject(new CatErrors.STORE_UNAVAILABLE('the store is closed'));
    if (!this.#replicas.some((r) => r.state === 'live')) {
      return Promise.reject(new CatErrors.STORE_UNAVAILABLE('the query engine is rebuilding its index; retry shortly'));
    }
    const timeoutMs = options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : undefined;
    if (this.#runaways.size > 0 && this.#isKnownRunaway(call)) {
      return Promise.reject(new CatErrors.QUERY_TIMEOUT(String(timeoutMs ?? 0)));
    }
    return new Promise<T>((resolve, reject) => {
      const queued: Queued = {
        call, timeoutMs, failOnTimeout: options.failOnTimeout, resolve: resolve as (v: unknown) => void, reject,
        deadline: timeoutMs === undefined ? undefined : Date.now() + timeoutMs,
      };
      if (timeoutMs !== undefined) {
        // Its deadline can pass while it waits for a replica: it then leaves the queue, having cost nothing.
        queued.timer = setTimeout(() => {
          const at = this.#queue.indexOf(queued);
          if (at !== -1) {
            this.#queue.splice(at, 1);
            reject(new CatErrors.QUERY_TIMEOUT(String(timeoutMs)));
          }
        }, timeoutMs);
      }
      this.#queue.push(queued);
      this.#dispatch();
    });
  }

  #isKnownRunaway(call: IndexCall): boolean {
    const now = Date.now();
    for (const [key, until] of this.#runaways) if (until <= now) this.#runaways.delete(key);
    return this.#runaways.has(fingerprint(call));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const replica = this.#replicas.find((r) => r.state === 'live' && r.running === undefined);
      if (replica === undefined) return;
      const queued = this.#queue.shift()!;
      clearTimeout(queued.timer);
      const left = queued.deadline === undefined ? undefined : Math.max(1, queued.deadline - Date.now());
      const worker = replica.worker!;
      replica.running = queued;
      if (left !== undefined) {
        // Marks it late for #lost; the worker's own timer answers the caller at the same deadline.
        queued.timer = setTimeout(() => { queued.late = true; }, left);
        queued.timer.unref();
      }
      worker
        .request(queued.call, {
          timeoutMs: left,
          failOnTimeout: queued.failOnTimeout,
          onSettled: () => {
            clearTimeout(queued.timer);
            if (replica.running === queued) replica.running = undefined;
            // Dispatching from inside the worker's settle step would reorder replies: after it.
            queueMicrotask(() => this.#dispatch());
          },
        })
        .then(queued.resolve, (error: Error) => {
          // The worker answers a timed-out caller with the time left, not the budget the caller asked for.
          if ((error as { code?: string }).code === 'CAT_ERR_QUERY_TIMEOUT') queued.reject(new CatErrors.QUERY_TIMEOUT(String(queued.timeoutMs)));
          else queued.reject(error);
        });
    }
  }
}

/** The same query on the same dataset: its text and graph lists, hashed. */
function fingerprint(call: IndexCall): string {
  return createHash('sha256').update(JSON.stringify(call)).digest('base64url');
}

function copyBatch(batch: GraphBatch): GraphBatch {
  const bytes = Buffer.allocUnsafeSlow(batch.bytes.length);
  bytes.set(batch.bytes);
  return { ...batch, bytes };
}
