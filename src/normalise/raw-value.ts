// **rawValueQuads** records a value normalisation replaced: `?s sheaf:rawValue [ sheaf:rawProperty ?p ; rdf:value ?o ]`.
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

const { namedNode, blankNode, quad } = DataFactory;
const RAW_VALUE = namedNode(`${NS.sheaf}rawValue`);
const RAW_PROPERTY = namedNode(`${NS.sheaf}rawProperty`);
const RDF_VALUE = namedNode(`${NS.rdf}value`);

/** The three quads that keep `replaced` in the record (a blank node; the store skolemises blank nodes). */
export function rawValueQuads(replaced: Quad): Quad[] {
  const raw = blankNode();
  return [
    quad(replaced.subject, RAW_VALUE, raw, replaced.graph),
    quad(raw, RAW_PROPERTY, replaced.predicate, replaced.graph),
    quad(raw, RDF_VALUE, replaced.object, replaced.graph),
  ];
}
