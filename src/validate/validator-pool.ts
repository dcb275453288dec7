// **ValidatorPool** spreads record validation over worker threads, each holding its own compiled validators.
//
// SHACL validation is CPU-bound and synchronous in substance, so one thread validates one record at a time however
// many are waiting. The pool composes a profile's shapes once in this thread (ProfileRegistry: derivation and the
// SHACL-for-SHACL check), sends them to each worker the first time that worker needs them, and hands records to the
// least busy worker as arrays of term ids. Results come back as the JSON summary (no report graph). A whole posted
// document (POST /api/validate) is parsed, normalised and validated in a worker too, so the event loop never is; so is a
// harvested record prepared (mapped, hashed, normalised: RecordPreparer) before it is validated.
import { availableParallelism } from 'node:os';
import type { Quad, Term } from '@rdfjs/types';
import { WorkerChannel } from '../core/worker-channel.js';
import { needsSparql } from './needs-sparql.js';
import { decodeQuads, encodeQuads, encodeTerms } from './quad-ids.js';
import type { OntologyOverride, ProfileRegistry } from './profile-registry.js';
import type { ValidationSummary } from './summarise-report.js';
import type { DocumentValidation } from './validate-document.js';

// Compiled (dist/), the worker is plain JavaScript and starts at once; run from source (tests, benchmarks), the entry
// registers the TypeScript loader in the thread first, since workers do not inherit it.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './validator-worker-entry.js' : './validator-worker.js', import.meta.url);

/** Messages to a worker. `key` names a profile + ontology version; its shapes are sent once per worker. */
export type PoolRequest =
  | { readonly type: 'compile'; readonly key: string; readonly shapes: string[]; readonly sparql: boolean }
  | { readonly type: 'validate'; readonly id: number; readonly key: string; readonly quads: string[]; readonly focus?: string[] }
  | { readonly type: 'validate'; readonly id: number; readonly key: string; readonly ntriples: string }
  | ({ readonly type: 'document'; readonly id: number; readonly key: string } & PoolDocument)
  // Harvested records (RecordPreparer): a run's context once per worker, then per record a fingerprint, kept in the
  // worker as `job` until the harvest asks to prepare and validate it or to forget it.
  | { readonly type: 'record-context'; readonly context: string; readonly value: unknown }
  | { readonly type: 'fingerprint'; readonly id: number; readonly job: number; readonly context: string; readonly record: unknown }
  | { readonly type: 'prepare'; readonly id: number; readonly job: number; readonly key: string; readonly context: string }
  | { readonly type: 'forget'; readonly job: number };

/** A posted document as validateDocument takes it, minus what cannot cross a thread (functions, compiled validators). */
export interface PoolDocument {
  readonly text: string;
  readonly contentType?: string;
  readonly name?: string;
  readonly baseIri?: string;
  /** Normalise as a harvest would before validating (the worker's `normaliser` module); false: as written (`raw`). */
  readonly normalise: boolean;
  /** Send the report graph back too (an RDF answer); the JSON summary needs only the rows. */
  readonly report: boolean;
}

/**
 * Messages from a worker: `ready` once at start, then one answer per request. An error of ours (a CAT_ERR_* code:
 * malformed RDF, a too-large literal) keeps its code and status across the thread.
 */
export type PoolReply =
  | { readonly id: number; readonly summary: ValidationSummary; readonly quadCount?: number; readonly report?: string[] }
  | { readonly id: number; readonly fingerprint: unknown }
  | { readonly id: number; readonly prepared: unknown; readonly summary: ValidationSummary; readonly quads: string[] }
  | { readonly id: number; readonly error: string; readonly code?: string; readonly statusCode?: number; readonly detail?: unknown };

/** What a worker gets at start (structured-cloned): no functions, so module URLs name the code it loads. */
export interface PoolWorkerData {
  /** See ValidatorPoolOptions.normaliser. */
  readonly normaliser?: string;
  /** See ValidatorPoolOptions.preparer. */
  readonly preparer?: string;
}

export interface ValidatorPoolOptions {
  readonly registry: ProfileRegistry;
  /** Worker threads; default: the machine's available parallelism. */
  readonly size?: number;
  /**
   * URL of a module exporting `loadDocumentNormaliser(): Promise<DocumentNormaliser>`, which each worker imports
   * the first time a document asks to be normalised. A function cannot be sent to a thread, and the harvest's
   * normaliser lives above this layer (src/pipeline/normalisation-results.ts), so the caller names it.
   */
  readonly normaliser?: string;
  /** URL of a module exporting `loadRecordPreparer(): Promise<RecordPreparer>`: harvests then prepare records in the workers. */
  readonly preparer?: string;
}

type Answer = { readonly summary: ValidationSummary; readonly quadCount?: number; readonly report?: string[] };

/** A harvested record's fingerprint, its record kept in one worker until `prepare` or `forget`. */
export interface PooledFingerprint {
  /** What the preparer's `fingerprint` answered. */
  readonly answer: unknown;
  /** Prepares the record in the worker that holds it and validates it there. */
  prepare(): Promise<{ readonly answer: unknown; readonly summary: ValidationSummary; readonly quads: Quad[] }>;
  /** The record is not wanted (unchanged, a duplicate): the worker lets it go. */
  forget(): void;
}

/** The pool bound to one profile, ontology version and run context, preparing harvested records. */
export interface PooledRecords {
  fingerprint(record: unknown): Promise<PooledFingerprint>;
}

export interface RecordValidateOptions {
  /** Validate these nodes only (a record too large to validate whole). */
  readonly focusNodes?: readonly Term[];
}

/** What a harvest needs of a validator: the pool bound to one profile and ontology version has it too. */
export interface RecordValidator {
  validate(quads: readonly Quad[], opts?: RecordValidateOptions): Promise<ValidationSummary>;
  /**
   * A record as N-Triples text, as the store's log holds it (impact analysis reads tens of thousands): a pool's worker
   * parses it, so this thread neither parses the record nor encodes it for the message.
   */
  validateNTriples(ntriples: string): Promise<ValidationSummary>;
}

type PoolCall = Extract<PoolRequest, { readonly id: number }>;

/** One worker thread and what the pool knows of it. */
interface PoolWorker {
  readonly channel: WorkerChannel<PoolCall, PoolReply>;
  /** Keys whose shapes this worker has been sent. */
  readonly compiled: Set<string>;
}

export class ValidatorPool implements AsyncDisposable {
  readonly size: number;
  readonly #registry: ProfileRegistry;
  readonly #workerData: PoolWorkerData;
  readonly #workers: PoolWorker[] = [];
  // Encoded shapes per key, composed once for all workers.
  readonly #shapes = new Map<string, Promise<{ shapes: string[]; sparql: boolean }>>();
  #closed = false;
  #nextJob = 1;

  private constructor(options: ValidatorPoolOptions, size: number) {
    this.#registry = options.registry;
    this.#workerData = Object.freeze({
      ...(options.normaliser !== undefined && { normaliser: options.normaliser }),
      ...(options.preparer !== undefined && { preparer: options.preparer }),
    });
    this.size = size;
  }

  /** Starts the workers and waits until each is ready. */
  static async start(options: ValidatorPoolOptions): Promise<ValidatorPool> {
    const size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
    const pool = new ValidatorPool(options, size);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.#spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Validates one record against a profile (and a curator-loaded ontology version, when given). */
  validate(profile: string, quads: readonly Quad[], opts: RecordValidateOptions & { ontology?: OntologyOverride } = {}): Promise<ValidationSummary> {
    return this.#send(profile, opts.ontology, (id, key) => ({
      type: 'validate', id, key, quads: encodeQuads(quads),
      ...(opts.focusNodes !== undefined && { focus: encodeTerms(opts.focusNodes) }),
    })).then((a) => a.summary);
  }

  /** Validates one record given as N-Triples text, parsed in the worker (RecordValidator.validateNTriples). */
  validateNTriples(profile: string, ntriples: string, opts: { ontology?: OntologyOverride } = {}): Promise<ValidationSummary> {
    return this.#send(profile, opts.ontology, (id, key) => ({ type: 'validate', id, key, ntriples })).then((a) => a.summary);
  }

  /**
   * validateDocument (parse, normalise, validate) run in a worker: a posted document of thousands of nodes costs a
   * worker its seconds, never the event loop. The answer is the one validateDocument gives in this thread.
   */
  async validateDocument(profile: string, document: PoolDocument, opts: { ontology?: OntologyOverride } = {}): Promise<DocumentValidation> {
    if (document.normalise && this.#workerData.normaliser === undefined) throw new Error('this ValidatorPool has no normaliser module');
    const answer = await this.#send(profile, opts.ontology, (id, key) => ({ type: 'document', id, key, ...document }));
    const report = answer.report;
    return {
      ...answer.summary,
      reportQuads: () => {
        if (report === undefined) throw new Error('the report graph was not asked for (report: false)');
        return decodeQuads(report);
      },
      profile,
      quadCount: answer.quadCount ?? 0,
    };
  }

  async #send(profile: string, ontology: OntologyOverride | undefined, request: (id: number, key: string) => PoolCall): Promise<Answer> {
    const { worker, key } = await this.#pick(profile, ontology);
    return worker.channel.request((id) => request(id, key)) as Promise<Answer>;
  }

  /** The least busy worker, sent the profile's shapes if it has not had them. */
  async #pick(profile: string, ontology: OntologyOverride | undefined): Promise<{ worker: PoolWorker; key: string }> {
    if (this.#closed) throw new Error('ValidatorPool is closed');
    const key = JSON.stringify([profile, ontology?.version ?? 'bundled']);
    const shapes = await this.#shapesFor(key, profile, ontology);
    const worker = this.#leastBusy();
    if (!worker.compiled.has(key)) {
      worker.compiled.add(key);
      worker.channel.post({ type: 'compile', key, ...shapes } satisfies PoolRequest);
    }
    return { worker, key };
  }

  /** True when the workers can prepare harvested records (the pool was given a `preparer` module). */
  get prepares(): boolean {
    return this.#workerData.preparer !== undefined;
  }

  /**
   * Harvested records prepared and validated in the workers: a record's fingerprint in the least busy worker, which
   * keeps it; then, if the harvest wants it, its full form prepared and validated by that same worker. `context`
   * (RecordPreparer.context's input) is sent to each worker once; its key names it.
   */
  recordsFor(profile: string, opts: { readonly ontology?: OntologyOverride; readonly context: { readonly key: string; readonly value: unknown } }): PooledRecords {
    if (!this.prepares) throw new Error('this ValidatorPool has no preparer module');
    this.#registry.get(profile); // unknown profiles fail here, not on the first record
    const context = opts.context.key;
    return {
      fingerprint: async (record) => {
        const { worker, key } = await this.#pick(profile, opts.ontology);
        if (!worker.compiled.has(`context ${context}`)) {
          worker.compiled.add(`context ${context}`);
          worker.channel.post({ type: 'record-context', context, value: opts.context.value } satisfies PoolRequest);
        }
        const job = this.#nextJob++;
        const reply = await worker.channel.request((id) => ({ type: 'fingerprint', id, job, context, record })) as { fingerprint: unknown };
        let settled = false;
        return {
          answer: reply.fingerprint,
          prepare: async () => {
            settled = true;
            const done = await worker.channel.request((id) => ({ type: 'prepare', id, job, key, context })) as Extract<PoolReply, { prepared: unknown }>;
            return { answer: done.prepared, summary: done.summary, quads: decodeQuads(done.quads) };
          },
          forget: () => {
            if (settled || !this.#workers.includes(worker)) return;
            settled = true;
            worker.channel.post({ type: 'forget', job } satisfies PoolRequest);
          },
        };
      },
    };
  }

  /** The pool bound to one profile and ontology version, shaped like a validator. */
  validatorFor(profile: string, opts: { ontology?: OntologyOverride } = {}): RecordValidator {
    this.#registry.get(profile); // unknown profiles fail here, not on the first record
    return {
      validate: (quads, o = {}) => this.validate(profile, quads, { ...o, ...opts }),
      validateNTriples: (ntriples) => this.validateNTriples(profile, ntriples, opts),
    };
  }

  /** Stops the workers; requests still running are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers.splice(0);
    for (const w of workers) for (const owed of w.channel.terminate()) owed.reject(new Error('ValidatorPool closed'));
    await Promise.all(workers.map((w) => w.channel.stopped()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #shapesFor(key: string, profile: string, ontology: OntologyOverride | undefined) {
    let shapes = this.#shapes.get(key);
    if (shapes === undefined) {
      shapes = this.#registry.composeShapes(this.#registry.get(profile), ontology === undefined ? {} : { ontology })
        .then((quads) => ({ shapes: encodeQuads(quads), sparql: needsSparql(quads) }));
      shapes.catch(() => this.#shapes.delete(key));
      this.#shapes.set(key, shapes);
    }
    return shapes;
  }

  #leastBusy(): PoolWorker {
    let best = this.#workers[0]!;
    for (const w of this.#workers) if (w.channel.busy < best.channel.busy) best = w;
    return best;
  }

  async #spawn(): Promise<void> {
    const worker: PoolWorker = {
      channel: await WorkerChannel.start<PoolCall, PoolReply>({
        entry: ENTRY,
        label: 'validator worker',
        workerData: this.#workerData,
        // A worker's default young generation is small for this allocation-heavy work: with it, a pool of one worker
        // spent markedly more CPU per record than the main thread did (measured); 64 MB brings it level.
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
        answer: (reply) => ('error' in reply
          ? {
            ok: false,
            error: Object.assign(new Error(reply.error), reply.code !== undefined && { code: reply.code, statusCode: reply.statusCode },
              reply.detail !== undefined && { detail: reply.detail }),
          }
          : { ok: true, value: reply }),
        crashError: (reason) => new Error(reason),
        // A crashed worker has failed its own requests; it is replaced and the others carry on.
        onFailure: () => this.#replace(worker),
      }),
      compiled: new Set(),
    };
    this.#workers.push(worker);
  }

  #replace(worker: PoolWorker): void {
    const at = this.#workers.indexOf(worker);
    if (at < 0) return;
    this.#workers.splice(at, 1);
    worker.channel.terminate();
    if (!this.#closed) void this.#spawn().catch(() => {});
  }
}
