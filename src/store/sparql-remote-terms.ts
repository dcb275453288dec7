// **sparql-remote-terms** writes RDF/JS terms so a remote store keeps them as given, and reads them back.
import type { Literal, Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { termToNt } from '../core/nquads.js';

const { namedNode, literal, blankNode, quad, defaultGraph } = DataFactory;

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/**
 * Literals a store would rewrite travel under this datatype prefix. Virtuoso stores numbers, booleans,
 * durations and XML literals natively: `"abc"^^xsd:integer` comes back as `"0"`, `"01"` as `"1"`, `"1.0"`
 * as `"1"`. The contract keeps literals as given, so non-canonical forms are wrapped, and unwrapped on read.
 */
export const VERBATIM_DATATYPE_PREFIX = 'urn:sheaf:verbatim:';
/** Blank nodes written through SPARQL Update (INSERT DATA refuses them on Virtuoso) are skolemised here. */
export const SKOLEM_PREFIX = 'urn:sheaf:bnode:';

// Lexical forms Virtuoso returns unchanged, per datatype; any other form of these datatypes is wrapped.
const CANONICAL: ReadonlyMap<string, RegExp> = new Map([
  [`${XSD}integer`, /^(?:0|-?[1-9]\d{0,17})$/],
  [`${XSD}decimal`, /^(?:0|-?[1-9]\d{0,14})(?:\.\d{0,8}[1-9])?$|^-0\.\d{0,8}[1-9]$/],
  [`${XSD}double`, /^-?(?:0|[1-9]\d{0,6})\.(?:0|\d{0,6}[1-9])$/],
  [`${XSD}float`, /^-?(?:0|[1-9]\d{0,5})\.(?:0|\d{0,4}[1-9])$/],
  [`${XSD}boolean`, /^(?:true|false)$/],
  [`${XSD}duration`, /(?!)/],
  [`${RDF}XMLLiteral`, /(?!)/],
]);

/** The literal as it should be sent: unchanged when the store keeps it, wrapped otherwise. */
export function storableLiteral(term: Literal): Literal {
  const canonical = CANONICAL.get(term.datatype.value);
  if (!canonical || canonical.test(term.value)) return term;
  return literal(term.value, namedNode(VERBATIM_DATATYPE_PREFIX + term.datatype.value));
}

/** Undoes {@link storableLiteral} and skolemisation on a term read from the store. */
export function restoredTerm<T extends Term>(term: T): Term {
  if (term.termType === 'Literal' && term.datatype.value.startsWith(VERBATIM_DATATYPE_PREFIX)) {
    return literal(term.value, namedNode(term.datatype.value.slice(VERBATIM_DATATYPE_PREFIX.length)));
  }
  if (term.termType === 'NamedNode' && term.value.startsWith(SKOLEM_PREFIX)) {
    return blankNode(term.value.slice(SKOLEM_PREFIX.length));
  }
  // Virtuoso labels some blank nodes "nodeID://b123"; keep the label, drop the scheme.
  if (term.termType === 'BlankNode' && term.value.startsWith('nodeID://')) return blankNode(term.value.slice(9));
  return term;
}

/** A quad read from the store, restored and placed in the default graph (the interface's CONSTRUCT shape). */
export function restoredTriple(q: Quad): Quad {
  return quad(
    restoredTerm(q.subject) as Quad['subject'],
    restoredTerm(q.predicate) as Quad['predicate'],
    restoredTerm(q.object) as Quad['object'],
    defaultGraph(),
  );
}

export interface TripleTextOptions {
  /**
   * When set, blank nodes become `<urn:sheaf:bnode:{scope}{label}>`; the scope keeps labels of separate
   * writes apart, as separate documents' blank nodes are. Unset, blank nodes stay (GSP accepts them).
   */
  readonly skolemScope?: string;
}

/** One N-Triples line (graph dropped), with literals made storable. Also valid inside INSERT DATA. */
export function tripleText(q: Quad, options: TripleTextOptions = {}): string {
  const scope = options.skolemScope;
  const node = <T extends Term>(term: T): T =>
    (scope !== undefined && term.termType === 'BlankNode' ? namedNode(`${SKOLEM_PREFIX}${scope}${term.value}`) : term) as T;
  const object = q.object.termType === 'Literal' ? storableLiteral(q.object) : node(q.object);
  return `${termToNt(node(q.subject))} ${termToNt(q.predicate)} ${termToNt(object)} .\n`;
}
