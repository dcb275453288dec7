// **previewOntology** shows a curator what an uploaded ontology version would change before it becomes current: the diff and the records it touches.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { ontologyIriOf } from '../core/ontology-header.js';
import { formatForMediaType, parseRdf } from '../core/parse-rdf.js';
import { affectedRecords, suggestReplacements, type Suggestion } from '../ontology/impact-analysis.js';
import { diffOntologies, OntologyView, type OntologyDiff } from '../ontology/ontology-diff.js';

/** Uploads held between preview and activation: a few, for a while, never written to disk. */
const MAX_HELD = 4;
const HELD_FOR_MS = 30 * 60 * 1000;
/** Records whose replacements are worked out for the preview; the rest are counted. */
const SUGGEST_FOR = 50;

export interface OntologyPreview {
  /** What the curator activates with: the held upload's id. */
  readonly id: string;
  readonly label: string;
  readonly ontologyIri: string;
  readonly comparedWith: string;
  readonly diff: OntologyDiff;
  /** Records (active or quarantined) using a term the version touches: the ones revalidated on activation. */
  readonly affected: number;
  /** Of the first affected records, those using a term the version removes or deprecates, with what to use instead. */
  readonly replacements: ReadonlyArray<{ readonly feedId: string; readonly key: string; readonly datasetIri: string; readonly suggestions: readonly Suggestion[] }>;
}

interface Held { readonly text: string; readonly type: string; readonly label: string; readonly holder: string; readonly until: number }

const held = new Map<string, Held>();

function prune(now: number): void {
  for (const [id, h] of held) if (h.until < now) held.delete(id);
  while (held.size >= MAX_HELD) held.delete(held.keys().next().value!);
}

/**
 * Parses the upload (as the API will), compares it with the version it would replace (the same baseline the
 * activation uses) and finds the records using touched terms; nothing is stored or revalidated.
 */
export async function previewOntology(app: FastifyInstance, input: { readonly text: string; readonly type: string; readonly label: string; readonly holder: string }): Promise<OntologyPreview> {
  const format = formatForMediaType(input.type);
  if (format === undefined) throw new CatErrors.UNSUPPORTED_MEDIA_TYPE(`${input.type}; send Turtle, RDF/XML, N-Triples or JSON-LD`);
  const quads = await parseRdf(input.text, { format, baseIri: `${app.config.baseUrl}/ontology-upload` });
  const ontologyIri = ontologyIriOf(quads);
  // The API's own rule: a document without an owl:Ontology header would replace whatever the unnamed series held.
  if (ontologyIri === ontologyIriOf([])) {
    throw new CatErrors.NOT_AN_ONTOLOGY('the document declares no owl:Ontology (a named resource typed owl:Ontology); add the ontology header');
  }
  const { ontologies, iris, records } = app.pipeline;
  const base = await ontologies.baseline(ontologyIri);
  const before = new OntologyView(base.quads);
  const after = new OntologyView(quads);
  const diff = diffOntologies(before, after);
  const affected = await affectedRecords({ store: app.store, iris, diff });
  const replacements = [];
  for (const r of affected.slice(0, SUGGEST_FOR)) {
    const suggestions = suggestReplacements(await app.store.readGraphs([iris.recordGraph(r.feedId, r.key)]), before, after);
    if (suggestions.length > 0) replacements.push({ ...r, datasetIri: records.get(r.feedId, r.key)?.datasetIri ?? r.key, suggestions });
  }
  const now = Date.now();
  prune(now);
  const id = randomBytes(12).toString('base64url');
  held.set(id, { text: input.text, type: input.type, label: input.label, holder: input.holder, until: now + HELD_FOR_MS });
  return { id, label: input.label, ontologyIri, comparedWith: base.id, diff, affected: affected.length, replacements };
}

/** The upload a preview holds, for the curator who made it; taken once. */
export function takeHeldUpload(id: string, holder: string): { readonly text: string; readonly type: string; readonly label: string } | undefined {
  const h = held.get(id);
  if (h === undefined || h.holder !== holder || h.until < Date.now()) return undefined;
  held.delete(id);
  return h;
}
