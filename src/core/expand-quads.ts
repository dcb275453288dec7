// **expandQuads** turns triples into expanded JSON-LD node objects, as jsonld.fromRDF does, for graphs without lists.
import type { Quad } from '@rdfjs/types';
import { NS } from './namespaces.js';

type NodeObject = Record<string, unknown>;

const RDF_TYPE = `${NS.rdf}type`;
const RDF_NIL = `${NS.rdf}nil`;
const RDF_JSON = `${NS.rdf}JSON`;
const XSD_STRING = `${NS.xsd}string`;

/**
 * The JSON-LD 1.1 "Serialize RDF as JSON-LD" algorithm with jsonld.js's defaults (no native types, rdf:type
 * as `@type`, no rdfDirection), for the common case: default graph only, no RDF lists (nothing points at
 * rdf:nil) and no rdf:JSON literals. Returns undefined for anything else, which then needs jsonld.fromRDF:
 * that path cost ~40 ms of a 5,000-triple catalogue page, this one a few. Node order is jsonld's (sorted @id).
 */
export function expandQuads(quads: Iterable<Quad>): NodeObject[] | undefined {
  const nodes = new Map<string, NodeObject>();
  const node = (id: string): NodeObject => {
    let n = nodes.get(id);
    if (n === undefined) nodes.set(id, (n = { '@id': id }));
    return n;
  };
  for (const quad of quads) {
    if (quad.graph.termType !== 'DefaultGraph') return undefined;
    const s = quad.subject;
    const subject = node(s.termType === 'BlankNode' ? `_:${s.value}` : s.value);
    const o = quad.object;
    let value: NodeObject;
    if (o.termType === 'NamedNode' || o.termType === 'BlankNode') {
      const id = o.termType === 'BlankNode' ? `_:${o.value}` : o.value;
      if (id === RDF_NIL) return undefined;
      node(id);
      if (quad.predicate.value === RDF_TYPE) {
        const types = subject['@type'] as string[] | undefined;
        if (types === undefined) subject['@type'] = [id];
        else types.push(id);
        continue;
      }
      value = { '@id': id };
    } else if (o.termType === 'Literal') {
      if (o.language) value = { '@value': o.value, '@language': o.language };
      else if (o.datatype.value === RDF_JSON) return undefined;
      else if (o.datatype.value === XSD_STRING) value = { '@value': o.value };
      else value = { '@value': o.value, '@type': o.datatype.value };
    } else return undefined;
    const values = subject[quad.predicate.value] as NodeObject[] | undefined;
    if (values === undefined) subject[quad.predicate.value] = [value];
    else values.push(value);
  }
  const out: NodeObject[] = [];
  // jsonld.js orders nodes by @id with the default string comparison; do the same so outputs match.
  for (const id of [...nodes.keys()].sort()) {
    const n = nodes.get(id)!;
    // A node that is only referenced (nothing but its @id) is not written as a node of its own.
    if (Object.keys(n).length > 1) out.push(n);
  }
  return out;
}
