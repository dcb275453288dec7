// **serviceDescription** describes the endpoint in the SPARQL 1.1 Service Description vocabulary (sd:).
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../../core/namespaces.js';

const { namedNode, blankNode, quad, literal } = DataFactory;
const sd = (local: string) => namedNode(`${NS.sd}${local}`);
const formats = (local: string) => namedNode(`http://www.w3.org/ns/formats/${local}`);
const TYPE = namedNode(`${NS.rdf}type`);

const RESULT_FORMATS = ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV',
  'Turtle', 'N-Triples', 'N-Quads', 'JSON-LD', 'RDF_XML'];

export interface ServiceDescriptionOptions {
  /** The endpoint's absolute URL, from SHEAF_BASE_URL. */
  readonly endpoint: string;
  /** True when SERVICE calls to configured peers are allowed. */
  readonly federation: boolean;
}

/** The description as quads; it depends only on config, so routes build it once. */
export function serviceDescription(opts: ServiceDescriptionOptions): Quad[] {
  const service = namedNode(`${opts.endpoint}#service`);
  const dataset = blankNode('dataset');
  const defaultGraph = blankNode('defaultGraph');
  return [
    quad(service, TYPE, sd('Service')),
    quad(service, sd('endpoint'), namedNode(opts.endpoint)),
    quad(service, sd('supportedLanguage'), sd('SPARQL11Query')),
    // Updates are accepted from admin-token holders only; the description says what the endpoint speaks.
    quad(service, sd('supportedLanguage'), sd('SPARQL11Update')),
    quad(service, sd('feature'), sd('UnionDefaultGraph')),
    ...(opts.federation ? [quad(service, sd('feature'), sd('BasicFederatedQuery'))] : []),
    ...RESULT_FORMATS.map((f) => quad(service, sd('resultFormat'), formats(f))),
    quad(service, sd('defaultDataset'), dataset),
    quad(dataset, TYPE, sd('Dataset')),
    quad(dataset, sd('defaultGraph'), defaultGraph),
    quad(defaultGraph, TYPE, sd('Graph')),
    quad(service, namedNode(`${NS.rdfs}comment`), literal('sheaf catalogue SPARQL endpoint: the default graph is the union of all named graphs', 'en')),
  ];
}
