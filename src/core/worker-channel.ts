// **WorkerChannel** talks to one worker thread: numbered requests, deadlines, overdue detection, a crash rejects what it owed.
//
// Both of sheaf's thread pools sit on it: the embedded store's index replicas (src/store/index-worker.ts) and the
// validator pool (src/validate/validator-pool.ts). A task pool such as piscina does not fit either: their threads are
// stateful (an Oxigraph index; validators compiled once per thread, shapes sent to each thread once), so requests go
// to a chosen thread, a thread that ran away must be told apart from one that is merely busy, and what a terminated
// thread still owed goes back to its owner to settle or send again.
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a reply means to its caller: a value, or the error the caller is rejected with. */
export type Answer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

export interface WorkerChannelOptions<Req, Rep> {
  readonly entry: URL;
  /** Names the thread in failure reasons ("index worker"). */
  readonly label: string;
  readonly workerData?: unknown;
  readonly resourceLimits?: ResourceLimits;
  /** Reads one reply to `request`. */
  readonly answer: (reply: Rep, request: Req) => Answer;
  /** The error each request still owed is rejected with when the thread dies (and a request sent after `terminate`). */
  readonly crashError: (reason: string) => Error;
  /** Why a request sent after `terminate` fails (default: the thread was terminated). */
  readonly goneReason?: string;
  /**
   * Called at most once, when the thread can no longer be trusted: it crashed or exited by itself (its requests are
   * rejected by then), or a request was still running past its deadline and grace. The owner terminates and replaces it.
   */
  readonly onFailure: (reason: string) => void;
}

export interface ChannelRequestOptions {
  /**
   * At `ms` the caller is rejected with `error()` and a later reply is dropped. A thread cannot be interrupted, so
   * one still busy with the request `graceMs` later has run away (`onFailure`); `graceMs: 0` fails it at once,
   * for a request that must never complete after its caller gave up.
   */
  readonly deadline?: { readonly ms: number; readonly error: () => Error; readonly graceMs: number };
  /** Buffers moved to the thread instead of copied (unusable here afterwards). */
  readonly transfer?: readonly ArrayBuffer[];
  /** Called once the thread is done with the request: it answered (even after the deadline), or it is gone. */
  readonly onSettled?: () => void;
}

/** A request still owed an answer when the thread was terminated, for its owner to settle or send again. */
export interface Owed<Req> {
  readonly request: Req;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Pending<Req> extends Owed<Req> {
  readonly onSettled?: () => void;
  timer?: NodeJS.Timeout;
  /** Its caller has already been answered (deadline passed); the reply, if it ever comes, is dropped. */
  abandoned?: boolean;
}

export class WorkerChannel<Req extends { readonly id: number }, Rep extends { readonly id: number }> {
  readonly #thread: Worker;
  readonly #options: WorkerChannelOptions<Req, Rep>;
  readonly #pending = new Map<number, Pending<Req>>();
  #nextId = 1;
  #failed = false;
  #terminated = false;
  #stopped: Promise<unknown> | undefined;

  private constructor(thread: Worker, options: WorkerChannelOptions<Req, Rep>) {
    this.#thread = thread;
    this.#options = options;
    thread.on('message', (reply: Rep) => this.#settle(reply));
    thread.on('error', (error) => this.#crash(`${options.label} crashed: ${error.message}`));
    thread.on('exit', (code) => this.#crash(`${options.label} exited with code ${code}`));
  }

  /** Starts the thread and waits for its first message (it is ready). An idle thread does not keep the process alive. */
  static async start<Req extends { readonly id: number }, Rep extends { readonly id: number }>(
    options: WorkerChannelOptions<Req, Rep>,
  ): Promise<WorkerChannel<Req, Rep>> {
    // No loader flags: a parent's `--import tsx` would cost a second per thread (entries load their own when needed).
    const thread = new Worker(options.entry, {
      execArgv: [],
      ...(options.workerData !== undefined && { workerData: options.workerData }),
      ...(options.resourceLimits !== undefined && { resourceLimits: options.resourceLimits }),
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      const onExit = (code: number): void => reject(new Error(`${options.label} exited with code ${code} while starting`));
      thread.once('error', onError);
      thread.once('exit', onExit);
      thread.once('message', () => {
        thread.off('error', onError);
        thread.off('exit', onExit);
        resolve();
      });
    });
    // The CLI exits when its work is done: only a thread with requests in flight holds the process.
    thread.unref();
    return new WorkerChannel(thread, options);
  }

  /** Requests the thread is working on or owes. */
  get busy(): number {
    return this.#pending.size;
  }

  /** Sends a message that gets no answer (state for later requests, such as compiled shapes). */
  post(message: unknown): void {
    this.#thread.postMessage(message);
  }

  /** Sends one request, numbered here: `make` gets its id. */
  request(make: (id: number) => Req, options: ChannelRequestOptions = {}): Promise<unknown> {
    if (this.#terminated) return Promise.reject(this.#options.crashError(this.#options.goneReason ?? `${this.#options.label} was terminated`));
    const request = make(this.#nextId++);
    return new Promise((resolve, reject) => {
      const pending: Pending<Req> = { request, resolve, reject, ...(options.onSettled && { onSettled: options.onSettled }) };
      const deadline = options.deadline;
      if (deadline !== undefined && deadline.ms > 0) pending.timer = setTimeout(() => this.#expire(pending, deadline), deadline.ms);
      this.#pending.set(request.id, pending);
      if (this.#pending.size === 1) this.#thread.ref();
      this.#thread.postMessage(request, options.transfer ?? []);
    });
  }

  /** Stops the thread at once; returns the requests it still owed (their callers not yet answered). */
  terminate(): Owed<Req>[] {
    this.#terminated = true;
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of all) clearTimeout(pending.timer);
    this.#stopped ??= this.#thread.terminate();
    for (const pending of all) pending.onSettled?.();
    return all.filter((p) => !p.abandoned);
  }

  /** Resolves once a terminated thread has stopped (at once when it was never terminated). */
  async stopped(): Promise<void> {
    await this.#stopped;
  }

  #expire(pending: Pending<Req>, deadline: NonNullable<ChannelRequestOptions['deadline']>): void {
    pending.abandoned = true;
    pending.reject(deadline.error());
    if (deadline.graceMs <= 0) {
      this.#fail(`a request passed its ${deadline.ms} ms deadline and must not complete later`);
      return;
    }
    pending.timer = setTimeout(() => {
      if (this.#pending.has(pending.request.id)) this.#fail(`a request ran ${deadline.ms + deadline.graceMs} ms`);
    }, deadline.graceMs);
    pending.timer.unref();
  }

  #settle(reply: Rep): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#thread.unref();
    clearTimeout(pending.timer);
    pending.onSettled?.();
    if (pending.abandoned) return;
    const answer = this.#options.answer(reply, pending.request);
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(answer.error);
  }

  // A dead thread answers nothing more: everything it owed fails now.
  #crash(reason: string): void {
    if (this.#terminated) return;
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const pending of all) {
      clearTimeout(pending.timer);
      if (!pending.abandoned) pending.reject(this.#options.crashError(reason));
    }
    for (const pending of all) pending.onSettled?.();
    this.#fail(reason);
  }

  #fail(reason: string): void {
    if (this.#failed || this.#terminated) return;
    this.#failed = true;
    this.#options.onFailure(reason);
  }
}
