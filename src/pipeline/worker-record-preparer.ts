// **loadRecordPreparer** is the harvest's record preparation as a validator worker runs it: fingerprint, then prepare, off the event loop.
import type { HarvestRecord } from '../../harvesters/harvester.js';
import { tripleLine } from '../core/nquads.js';
import { loadBundledContext } from '../normalise/index.js';
import { decodeQuads, encodeQuads } from '../validate/quad-ids.js';
import type { RecordPreparer } from '../validate/record-preparer.js';
import type { ResultRow } from '../validate/summarise-report.js';
import { fingerprint, prepareRecord, RecordProblem, type Fingerprint, type PrepareContext } from './prepare-record.js';
import type { RunStage } from './run-summary.js';
import { validationFocus } from './run-state.js';

/** This module, for ValidatorPool's `preparer` option (a worker imports it by URL). */
export const RECORD_PREPARER_MODULE = import.meta.url;

/** What a run sends each worker once: its PrepareContext without the mappings, which the worker loads itself (bundled). */
export type ThreadContext = Omit<PrepareContext, 'normalise'> & { readonly maxValidatedNodes: number };

/** A record as it crosses to the worker: quads as term ids (RDF/JS objects lose their classes when cloned). */
export type ThreadRecord = Exclude<HarvestRecord, { shape: 'quads' }> | (Omit<Extract<HarvestRecord, { shape: 'quads' }>, 'quads'> & { readonly quads: string[] });

/** The fingerprint the harvest decides on (changed, unchanged, duplicate); the mapped quads stay in the worker. */
export interface ThreadFingerprint {
  readonly key: string;
  readonly hash: string;
}

/** A prepared record's facts beside its quads (which the pool sends and decodes itself). */
export interface ThreadPrepared {
  readonly key: string;
  readonly datasetIri: string;
  readonly hash: string;
  readonly normalisation: readonly ResultRow[];
  /** The record had more described nodes than are validated: only a sample was. */
  readonly sampled: boolean;
  /** The record graph as the store writes it (RecordChange.ntriples), serialised here rather than on the event loop. */
  readonly ntriples: string;
}

/** A RecordProblem's stage and key, which an Error loses on the way back. */
export interface ThreadProblem {
  readonly stage: RunStage;
  readonly key?: string;
}

export function recordForThread(record: HarvestRecord): ThreadRecord {
  return record.shape === 'quads' ? { ...record, quads: encodeQuads(record.quads) } : record;
}

/** The RecordProblem a worker's error stands for (`stage` when the worker did not say). */
export function problemFromThread(error: unknown, stage: RunStage, key?: string): RecordProblem {
  const detail = (error as { detail?: ThreadProblem }).detail;
  const at = detail?.key ?? key;
  return new RecordProblem(detail?.stage ?? stage, (error as Error).message, at);
}

function carried<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RecordProblem)) throw error;
    throw Object.assign(new Error(error.message), { detail: { stage: error.stage, ...(error.key !== undefined && { key: error.key }) } satisfies ThreadProblem });
  }
}

type Context = PrepareContext & { readonly maxValidatedNodes: number };

export async function loadRecordPreparer(): Promise<RecordPreparer> {
  const normalise = await loadBundledContext();
  return {
    // The same functions the harvest calls in its own thread, with the same bundled mappings: the same stored bytes.
    context: async (value) => ({ ...(value as ThreadContext), normalise }) satisfies Context,
    fingerprint: (record, context) => carried(() => {
      const r = record as ThreadRecord;
      const fp = fingerprint(r.shape === 'quads' ? { ...r, quads: decodeQuads(r.quads) } : r, context as Context);
      return { answer: { key: fp.key, hash: fp.hash } satisfies ThreadFingerprint, kept: fp };
    }),
    prepare: (kept, context) => carried(() => {
      const ctx = context as Context;
      const prepared = prepareRecord(kept as Fingerprint, ctx);
      const focus = validationFocus(prepared, ctx.maxValidatedNodes);
      const answer: ThreadPrepared = {
        key: prepared.key, datasetIri: prepared.datasetIri, hash: prepared.hash, normalisation: prepared.normalisation, sampled: focus.length > 0,
        ntriples: [...new Set(prepared.quads.map(tripleLine))].join(''),
      };
      return { answer, quads: prepared.quads, ...(focus.length > 0 && { focusNodes: focus }) };
    }),
  };
}
