// **prepareRecord** turns one harvested record into its stored form in two steps: a cheap fingerprint, then (only when it changed) the full form.
import type { Quad } from '@rdfjs/types';
import type { HarvestRecord, KeyHints } from '../../harvesters/harvester.js';
import type { NormaliseContext, StepChange } from '../normalise/index.js';
import type { DcatMapping } from '../normalise/source-mapper.js';
import { mapToDcat } from '../normalise/source-mappers.js';
import { canonicalHash } from '../normalise/canonical-hash.js';
import type { RunStage } from './run-summary.js';
import { blankSignatures, skolemIri, skolemise } from '../normalise/skolemise.js';
import { detachedString } from '../core/detached-string.js';
import type { ResultRow } from '../validate/summarise-report.js';
import { normalisationResults, normaliseForValidation } from './normalisation-results.js';

export interface PrepareContext {
  readonly feedId: string;
  /** The feed URL (CKAN dataset IRIs are minted under its site). */
  readonly feedUrl: string;
  readonly base: string;
  readonly normalise: NormaliseContext;
  /** Mixed into the hash: a new profile or ontology version re-validates every record once. */
  readonly salt: string;
  /** Distinct triples allowed per record (before and after normalisation). */
  readonly maxTriples: number;
}

/** What decides whether a record changed: computed for every record, so it stays cheap (no normalisation). */
export interface Fingerprint {
  readonly key: string;
  readonly hash: string;
  readonly subject: string;
  readonly mapped: readonly Quad[];
  /** Distinct triples in `mapped`, as the hash counted them. */
  readonly triples: number;
  readonly record: HarvestRecord;
}

export interface PreparedRecord {
  readonly key: string;
  /** The dataset node after skolemisation (what foaf:primaryTopic points at). */
  readonly datasetIri: string;
  readonly quads: readonly Quad[];
  readonly hash: string;
  /** What normalisation changed, as Info results on the stored nodes (skolem IRIs for blank nodes). */
  readonly normalisation: readonly ResultRow[];
}

/** A record that cannot be prepared; the run counts it as failed and reports the stage. */
export class RecordProblem extends Error {
  constructor(readonly stage: RunStage, message: string, readonly key?: string) {
    super(message);
  }
}

function mappedRecord(record: HarvestRecord, ctx: PrepareContext): DcatMapping {
  try {
    return mapToDcat(record, { feedUrl: ctx.feedUrl });
  } catch (error) {
    throw new RecordProblem('map', `cannot map the ${record.shape} record to DCAT: ${(error as Error).message}`);
  }
}

/**
 * The record's key, in this order: the adapter's IRI hint (the dataset IRI, CKAN's `uri` extra), its
 * identifier hint (dct:identifier, CKAN id, OAI identifier: the same hint deletions carry), the mapped
 * dataset IRI, else the blank dataset's content-derived skolem IRI.
 */
export function recordKey(hints: KeyHints, subject: string, signature: () => string | undefined, ctx: { base: string; feedId: string }): string {
  // A key outlives its record (a run's seen keys, the index's rows): a copy, so it never keeps the page it was parsed from.
  if (hints.iri) return detachedString(hints.iri);
  if (hints.identifier) return detachedString(hints.identifier);
  if (!subject.startsWith('_:')) return detachedString(subject);
  return skolemIri(signature() ?? '', { base: ctx.base, scope: ctx.feedId });
}

/**
 * Maps and hashes the record as the source gave it. Normalisation is deterministic for a given ontology
 * version (in the salt), so an unchanged source record means an unchanged stored record: unchanged records
 * skip normalisation, skolemisation and validation altogether.
 */
export function fingerprint(record: HarvestRecord, ctx: PrepareContext): Fingerprint {
  const mapped = mappedRecord(record, ctx);
  const hintKey = record.keyHints.iri ?? record.keyHints.identifier;
  if (mapped.quads.length > ctx.maxTriples * 2) {
    throw new RecordProblem('limit', `${mapped.quads.length} triples exceed the cap of ${ctx.maxTriples} per record`, hintKey);
  }
  let signatures: Map<string, string>;
  try {
    signatures = blankSignatures(mapped.quads);
  } catch (error) {
    throw new RecordProblem('limit', (error as Error).message, hintKey);
  }
  const label = mapped.subject.startsWith('_:') ? mapped.subject.slice(2) : undefined;
  const key = recordKey(record.keyHints, mapped.subject, () => (label === undefined ? undefined : signatures.get(label)), ctx);
  const { hash, triples } = canonicalHash(mapped.quads, { salt: ctx.salt, blankLabels: signatures });
  if (triples > ctx.maxTriples) throw new RecordProblem('limit', `${triples} triples exceed the cap of ${ctx.maxTriples} per record`, key);
  return { key, hash, subject: mapped.subject, mapped: mapped.quads, triples, record };
}

/** Normalises and skolemises a changed record. */
export function prepareRecord(fp: Fingerprint, ctx: PrepareContext): PreparedRecord {
  let quads: Quad[];
  let changes: readonly StepChange[];
  try {
    // As many distinct hash lines as quads: no two quads are equal, so the dataset needs no dedup keys. (Fewer
    // lines can also mean quads apart only in their graph or blank label: those go through the keyed path.)
    ({ quads, changes } = normaliseForValidation(fp.mapped, ctx.normalise, { distinct: fp.triples === fp.mapped.length }));
  } catch (error) {
    throw new RecordProblem('normalise', (error as Error).message, fp.key);
  }
  if (quads.length > ctx.maxTriples) throw new RecordProblem('limit', `${quads.length} triples after normalisation exceed the cap of ${ctx.maxTriples}`, fp.key);
  const label = fp.subject.startsWith('_:') ? fp.subject.slice(2) : undefined;
  const { quads: ground, mapping } = skolemise(quads, { base: ctx.base, scope: `${ctx.feedId}\n${fp.key}` });
  const datasetIri = label === undefined ? fp.subject : (mapping.get(label) ?? fp.key);
  const focus = (node: string): string => (node.startsWith('_:') ? (mapping.get(node.slice(2)) ?? node) : node);
  return { key: fp.key, datasetIri, quads: ground, hash: fp.hash, normalisation: normalisationResults(changes, { focus }) };
}
