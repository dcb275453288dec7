// **prepareRecord** turns one harvested record into its stored form: DCAT quads, normalised, skolemised, keyed, hashed.
import type { Quad } from '@rdfjs/types';
import { Store } from 'n3';
import type { HarvestRecord, KeyHints } from '../../harvesters/harvester.js';
import { ckanToDcat } from '../normalise/ckan-to-dcat.js';
import { normalise, type NormaliseContext } from '../normalise/index.js';
import { oaiToDcat } from '../normalise/oai-to-dcat.js';
import { canonicalHash } from './canonical-hash.js';
import type { RunStage } from './run-summary.js';
import { blankSignatures, skolemIri, skolemise } from './skolemise.js';

export interface PreparedRecord {
  readonly key: string;
  /** The dataset node after skolemisation (what foaf:primaryTopic points at). */
  readonly datasetIri: string;
  readonly quads: readonly Quad[];
  readonly hash: string;
  readonly pageUrl: string;
  readonly issued?: string;
  readonly modified?: string;
}

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

/** A record that cannot be prepared; the run counts it as failed and reports the stage. */
export class RecordProblem extends Error {
  constructor(readonly stage: RunStage, message: string, readonly key?: string) {
    super(message);
  }
}

/** The CKAN site root: the feed URL without its `/api/...` path and query. */
function ckanSite(feedUrl: string): string {
  const url = new URL(feedUrl);
  const path = url.pathname.replace(/\/api\/.*$/, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

function mapToDcat(record: HarvestRecord, ctx: PrepareContext): { subject: string; quads: readonly Quad[] } {
  try {
    switch (record.shape) {
      case 'quads':
        return { subject: record.subject, quads: record.quads };
      case 'ckan-json':
        return ckanToDcat(record.json, { siteUrl: ckanSite(ctx.feedUrl) });
      case 'oai-xml':
        return oaiToDcat(record.xml, { metadataPrefix: record.metadataPrefix });
    }
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
  if (hints.iri) return hints.iri;
  if (hints.identifier) return hints.identifier;
  if (!subject.startsWith('_:')) return subject;
  return skolemIri(signature() ?? '', { base: ctx.base, scope: ctx.feedId });
}

export function prepareRecord(record: HarvestRecord, ctx: PrepareContext): PreparedRecord {
  const mapped = mapToDcat(record, ctx);
  if (mapped.quads.length > ctx.maxTriples) {
    throw new RecordProblem('limit', `${mapped.quads.length} triples exceed the cap of ${ctx.maxTriples} per record`, record.keyHints.iri ?? record.keyHints.identifier);
  }
  let quads: Quad[];
  try {
    quads = [...normalise(new Store([...mapped.quads]), ctx.normalise).dataset];
  } catch (error) {
    throw new RecordProblem('normalise', (error as Error).message, record.keyHints.iri ?? record.keyHints.identifier);
  }
  const signatures = blankSignatures(quads);
  const label = mapped.subject.startsWith('_:') ? mapped.subject.slice(2) : undefined;
  const key = recordKey(record.keyHints, mapped.subject, () => (label === undefined ? undefined : signatures.get(label)), ctx);
  const { quads: ground, mapping } = skolemise(quads, { base: ctx.base, scope: `${ctx.feedId}\n${key}`, signatures });
  const datasetIri = label === undefined ? mapped.subject : (mapping.get(label) ?? key);
  const { hash, triples } = canonicalHash(ground, ctx.salt);
  if (triples > ctx.maxTriples) throw new RecordProblem('limit', `${triples} triples exceed the cap of ${ctx.maxTriples} per record`, key);
  return {
    key,
    datasetIri,
    quads: ground,
    hash,
    pageUrl: record.pageUrl,
    ...(record.issued !== undefined && { issued: record.issued }),
    ...(record.modified !== undefined && { modified: record.modified }),
  };
}
