// **validator-worker** validates records in a worker thread with validators compiled from shapes the pool sends.
// Messages: src/validate/validator-pool.ts (PoolRequest, PoolReply).
import { parentPort } from 'node:worker_threads';
import { decodeQuads, decodeTerms } from './quad-ids.js';
import { ShaclValidator } from './shacl-validator.js';
import type { PoolReply, PoolRequest } from './validator-pool.js';

if (parentPort === null) throw new Error('validator-worker runs as a worker thread (ValidatorPool)');
const port = parentPort;

// One compiled validator per profile and ontology version, for the worker's lifetime (compile once, run many).
const validators = new Map<string, Promise<ShaclValidator>>();

async function answer(request: Extract<PoolRequest, { type: 'validate' }>): Promise<PoolReply> {
  try {
    const validator = validators.get(request.key);
    if (validator === undefined) throw new Error(`validator-worker: no shapes sent for ${request.key}`);
    const outcome = 'ntriples' in request
      ? await (await validator).validateNTriples(request.ntriples)
      : await (await validator).validate(decodeQuads(request.quads), request.focus === undefined ? {} : { focusNodes: decodeTerms(request.focus) });
    const { reportQuads: _notSent, ...summary } = outcome;
    return { id: request.id, summary };
  } catch (error) {
    return { id: request.id, error: (error as Error).message };
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
  // One record at a time: the engine awaits between shapes, so answering each message at once would interleave
  // hundreds of validations (all their contexts alive together: measured ~60 % more CPU per record).
  queue = queue.then(() => answer(request)).then((reply) => port.postMessage(reply));
});
port.postMessage({ ready: true });
