// **validateDocument** is the dry run shared by `sheaf validate` and `POST /api/validate`: parse, normalise, validate, no store.
import type { Quad } from '@rdfjs/types';
import { guessRdfFormat, parseRdf } from '../core/parse-rdf.js';
import type { RdfFormat } from '../core/rdf-format.js';
import type { OntologyOverride, ProfileRegistry } from './profile-registry.js';
import type { ResultRow } from './summarise-report.js';
import { withNormalisation, withNormalisationQuads } from './with-normalisation.js';
import type { ShaclValidator, ValidationOutcome } from './shacl-validator.js';

export interface ValidateDocumentOptions {
  readonly text: string;
  /** A media type from the request or response; when absent the format is guessed from `name` and content. */
  readonly contentType?: string;
  /** File name or URL, for format guessing and as the base IRI. */
  readonly name?: string;
  readonly baseIri?: string;
  /** Either a profile of the registry or a validator compiled elsewhere (e.g. from `--shapes`). */
  readonly registry?: ProfileRegistry;
  readonly profile?: string;
  readonly validator?: ShaclValidator;
  /** The curator-loaded ontology versions the profile validates with now (as a harvest does); bundled when absent. */
  readonly ontology?: OntologyOverride;
  /**
   * The harvest's normalisation (src/pipeline/normalisation-results.ts, `dryRunNormaliser`): its changes come back
   * as Info results. Absent: the document is validated as written (`--raw`).
   */
  readonly normalise?: DocumentNormaliser;
}

/** Normalises a parsed document as a harvest would; its changes come back as Info results. */
export type DocumentNormaliser = (quads: Quad[]) => { readonly quads: Quad[]; readonly results: readonly ResultRow[] };

export interface DocumentValidation extends ValidationOutcome {
  readonly profile?: string;
  readonly quadCount: number;
}

export async function validateDocument(opts: ValidateDocumentOptions): Promise<DocumentValidation> {
  const format: RdfFormat | undefined = opts.contentType === undefined ? guessRdfFormat(opts.text, opts.name) : undefined;
  const quads = await parseRdf(opts.text, {
    ...(format !== undefined ? { format } : { contentType: opts.contentType! }),
    ...(opts.baseIri !== undefined && { baseIri: opts.baseIri }),
  });
  // An empty document is well-formed RDF (an empty graph): it gets a report like any other, which conforms unless the
  // shapes require something of it (e.g. sh:targetNode with a minimum count).
  let validator = opts.validator;
  let profile: string | undefined;
  if (!validator) {
    if (!opts.registry) throw new Error('validateDocument needs a registry or a validator');
    profile = opts.profile ?? opts.registry.defaultProfile;
    validator = await opts.registry.validator(profile, opts.ontology === undefined ? {} : { ontology: opts.ontology });
  }
  const normalised = opts.normalise?.(quads);
  const outcome = await validator.validate(normalised?.quads ?? quads);
  const notes = normalised?.results ?? [];
  return {
    ...withNormalisation(outcome, notes),
    reportQuads: () => withNormalisationQuads(outcome.reportQuads(), notes),
    ...(profile !== undefined && { profile }),
    quadCount: quads.length,
  };
}
