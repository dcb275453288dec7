// **restoreDatatypes** gives back the integer subtypes DCAT-AP requires, which the embedded store folds into xsd:integer.
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../../core/namespaces.js';

const XSD_INTEGER = `${NS.xsd}integer`;
const NON_NEGATIVE = DataFactory.namedNode(`${NS.xsd}nonNegativeInteger`);

/**
 * Oxigraph 0.5 stores `"5"^^xsd:nonNegativeInteger` as `"5"^^xsd:integer` (measured: load, match, SELECT
 * and CONSTRUCT all return xsd:integer), which breaks the DCAT-AP 3.0.1 shape on dcat:byteSize. Pages are
 * read from the store's log, which keeps literals as given, except graphs a SPARQL Update rewrote (logged as
 * the index holds them); so the catalogue output still re-types the properties whose range the profiles fix
 * as xsd:nonNegativeInteger, and only values that are one.
 */
const NON_NEGATIVE_PROPERTIES = new Set([
  `${NS.dcat}byteSize`,
  'http://healthdataportal.eu/ns/health#numberOfRecords', 'http://healthdataportal.eu/ns/health#numberOfUniqueIndividuals',
  'https://w3id.org/healthdcat-ap#numberOfRecords', 'https://w3id.org/healthdcat-ap#numberOfUniqueIndividuals',
]);

export function restoreDatatypes(quads: readonly Quad[]): Quad[] {
  return quads.map((q) => {
    const o = q.object;
    if (o.termType !== 'Literal' || o.datatype.value !== XSD_INTEGER || !NON_NEGATIVE_PROPERTIES.has(q.predicate.value)) return q;
    if (!/^\+?\d+$/.test(o.value)) return q;
    return DataFactory.quad(q.subject, q.predicate, DataFactory.literal(o.value, NON_NEGATIVE), q.graph);
  });
}
