// **RecordShapes** names the forms a harvested record arrives in and what each carries: harvesters yield them, normalise maps them to DCAT.
import type { Quad } from '@rdfjs/types';

/**
 * One row per shape: the fields a record of that shape carries besides its provenance. Harvesters (which yield
 * records) and normalise (which maps them to DCAT) sit side by side and may not import each other, so the shapes
 * live here. A new non-RDF source adds a row here, a harvester folder yielding it and a mapper in
 * `src/normalise/source-mappers.ts`.
 */
export interface RecordShapes {
  /** RDF sources (dcat, fdp, sparql): one dcat:Dataset with its distributions and inline nodes. */
  readonly quads: {
    /** The dataset node: an IRI, or a blank node label local to this record. */
    readonly subject: string;
    readonly quads: readonly Quad[];
  };
  /** CKAN: one package as the Action API returned it. */
  readonly 'ckan-json': { readonly json: Readonly<Record<string, unknown>> };
  /** OAI-PMH: one `<record>` element serialised, with its metadata format. */
  readonly 'oai-xml': { readonly metadataPrefix: 'oai_dc' | 'oai_datacite'; readonly xml: string };
}

export type RecordShape = keyof RecordShapes;

/** A record's content in shape `S`, tagged with that shape (by default: any shape, narrowed by `shape`). */
export type ShapedPayload<S extends RecordShape = RecordShape> = { [K in S]: { readonly shape: K } & RecordShapes[K] }[S];
