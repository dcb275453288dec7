// **validator-worker** validates records and posted documents, and prepares harvested records, in a worker thread with validators compiled from shapes the pool sends.
// Messages: src/validate/validator-pool.ts (PoolRequest, PoolReply).
import { parentPort, workerData } from 'node:worker_threads';
import { decodeQuads, decodeTerms, encodeQuads } from './quad-ids.js';
import { ShaclValidator } from './shacl-validator.js';
import { validateDocument, type DocumentNormaliser } from './validate-document.js';
import type { PoolReply, PoolRequest, PoolWorkerData } from './validator-pool.js';
import type { RecordPreparer } from './record-preparer.js';

if (parentPort === null) throw new Error('validator-worker runs as a worker thread (ValidatorPool)');
const port = parentPort;
const data = (workerData ?? {}) as PoolWorkerData;

// One compiled validator per profile and ontology version, for the worker's lifetime (compile once, run many).
const validators = new Map<string, Promise<ShaclValidator>>();
let normaliser: Promise<DocumentNormaliser> | undefined;
let preparer: Promise<RecordPreparer> | undefined;
// Run contexts by key, and records fingerprinted here that the harvest has not yet asked to prepare or forget.
const contexts = new Map<string, Promise<unknown>>();
const jobs = new Map<number, unknown>();

function loadPreparer(): Promise<RecordPreparer> {
  if (data.preparer === undefined) return Promise.reject(new Error('validator-worker: no preparer module was named'));
  preparer ??= import(data.preparer).then((m: { loadRecordPreparer: () => Promise<RecordPreparer> }) => m.loadRecordPreparer());
  return preparer;
}

async function contextOf(key: string): Promise<unknown> {
  const context = contexts.get(key);
  if (context === undefined) throw new Error(`validator-worker: no record context sent for ${key}`);
  return context;
}

function loadNormaliser(): Promise<DocumentNormaliser> {
  if (data.normaliser === undefined) return Promise.reject(new Error('validator-worker: no normaliser module was named'));
  normaliser ??= import(data.normaliser).then((m: { loadDocumentNormaliser: () => Promise<DocumentNormaliser> }) => m.loadDocumentNormaliser());
  return normaliser;
}

/** The same validateDocument a CLI dry run calls, here with the worker's validator and normaliser: one verdict. */
async function answerDocument(request: Extract<PoolRequest, { type: 'document' }>, validator: ShaclValidator): Promise<PoolReply> {
  const result = await validateDocument({
    text: request.text,
    ...(request.contentType !== undefined && { contentType: request.contentType }),
    ...(request.name !== undefined && { name: request.name }),
    ...(request.baseIri !== undefined && { baseIri: request.baseIri }),
    validator,
    ...(request.normalise && { normalise: await loadNormaliser() }),
  });
  const { reportQuads, profile: _none, quadCount, ...summary } = result;
  return { id: request.id, summary, quadCount, ...(request.report && { report: encodeQuads(reportQuads()) }) };
}

/** A harvested record: fingerprinted (and kept), or prepared from what was kept and validated. */
async function answerRecord(request: Extract<PoolRequest, { type: 'fingerprint' | 'prepare' }>): Promise<PoolReply> {
  const [records, context] = await Promise.all([loadPreparer(), contextOf(request.context)]);
  if (request.type === 'fingerprint') {
    const { answer, kept } = records.fingerprint(request.record, context);
    jobs.set(request.job, kept);
    return { id: request.id, fingerprint: answer };
  }
  const kept = jobs.get(request.job);
  jobs.delete(request.job);
  if (kept === undefined) throw new Error(`validator-worker: record ${request.job} was not fingerprinted here`);
  const validator = validators.get(request.key);
  if (validator === undefined) throw new Error(`validator-worker: no shapes sent for ${request.key}`);
  const prepared = records.prepare(kept, context);
  const { reportQuads: _notSent, ...summary } = await (await validator).validate(prepared.quads, prepared.focusNodes === undefined ? {} : { focusNodes: prepared.focusNodes });
  return { id: request.id, prepared: prepared.answer, summary, quads: encodeQuads(prepared.quads) };
}

async function answer(request: Extract<PoolRequest, { type: 'validate' | 'document' | 'fingerprint' | 'prepare' }>): Promise<PoolReply> {
  try {
    if (request.type === 'fingerprint' || request.type === 'prepare') return await answerRecord(request);
    const validator = validators.get(request.key);
    if (validator === undefined) throw new Error(`validator-worker: no shapes sent for ${request.key}`);
    if (request.type === 'document') return await answerDocument(request, await validator);
    const outcome = 'ntriples' in request
      ? await (await validator).validateNTriples(request.ntriples)
      : await (await validator).validate(decodeQuads(request.quads), request.focus === undefined ? {} : { focusNodes: decodeTerms(request.focus) });
    const { reportQuads: _notSent, ...summary } = outcome;
    return { id: request.id, summary };
  } catch (error) {
    const { code, statusCode, detail } = error as { code?: unknown; statusCode?: unknown; detail?: unknown };
    return {
      id: request.id, error: (error as Error).message,
      ...(typeof code === 'string' && code.startsWith('CAT_ERR_') && typeof statusCode === 'number' && { code, statusCode }),
      ...(detail !== undefined && { detail }),
    };
  }
}

let queue: Promise<void> = Promise.resolve();

port.on('message', (request: PoolRequest) => {
  if (request.type === 'compile') {
    const compiled = ShaclValidator.compile({ shapes: decodeQuads(request.shapes), sparql: request.sparql });
    compiled.catch(() => {}); // reported to each validate request that needs it
    validators.set(request.key, compiled);
    return;
  }
  if (request.type === 'record-context') {
    const context = loadPreparer().then((p) => p.context(request.value));
    context.catch(() => {}); // reported to each record that needs it
    contexts.set(request.context, context);
    return;
  }
  if (request.type === 'forget') {
    jobs.delete(request.job);
    return;
  }
  // One record at a time: the engine awaits between shapes, so answering each message at once would interleave
  // hundreds of validations (all their contexts alive together: measured ~60 % more CPU per record).
  queue = queue.then(() => answer(request)).then((reply) => port.postMessage(reply));
});
port.postMessage({ ready: true });
