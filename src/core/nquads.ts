// **nquads** writes RDF/JS terms and quads as N-Triples / N-Quads lines, refusing terms no parser would read back.
import type { Quad, Term } from '@rdfjs/types';
import { CatErrors } from './errors.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

// Characters RDF 1.1 forbids inside an IRIREF, and the shape of an absolute IRI (scheme first).
const IRI_FORBIDDEN = /[\u0000-\u0020<>"{}|^`\\]/;
const IRI_ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const LANGUAGE_TAG = /^[A-Za-z]+(?:-[A-Za-z0-9]+)*$/;
const BLANK_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;
const LITERAL_ESCAPES = /["\\\n\r]/g;
const ESCAPED: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r' };

function iri(value: string): string {
  if (IRI_FORBIDDEN.test(value) || !IRI_ABSOLUTE.test(value)) {
    throw new CatErrors.BAD_RDF(`not an absolute IRI: <${value.slice(0, 200)}>`);
  }
  return `<${value}>`;
}

// Labels from other factories may hold characters N-Triples forbids; encode them instead of failing,
// since a blank node's label carries no meaning beyond identity.
function blankLabel(value: string): string {
  if (BLANK_LABEL.test(value)) return `_:${value}`;
  return `_:u${Buffer.from(value, 'utf8').toString('hex')}`;
}

/** One term in N-Triples syntax; throws CAT_ERR_BAD_RDF for IRIs or language tags a parser would reject. */
export function termToNt(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return iri(term.value);
    case 'BlankNode':
      return blankLabel(term.value);
    case 'Literal': {
      const lexical = `"${term.value.replace(LITERAL_ESCAPES, (c) => ESCAPED[c]!)}"`;
      if (term.language) {
        if (!LANGUAGE_TAG.test(term.language)) throw new CatErrors.BAD_RDF(`bad language tag "${term.language}"`);
        return `${lexical}@${term.language}`;
      }
      const datatype = term.datatype?.value;
      if (!datatype || datatype === XSD_STRING || datatype === RDF_LANG_STRING) return lexical;
      return `${lexical}^^${iri(datatype)}`;
    }
    default:
      throw new CatErrors.BAD_RDF(`a ${term.termType} cannot be stored as a quad term`);
  }
}

/** The quad as one N-Triples line (graph left out), newline included. */
export function tripleLine(quad: Quad): string {
  return `${termToNt(quad.subject)} ${termToNt(quad.predicate)} ${termToNt(quad.object)} .\n`;
}

/** The quad as one N-Quads line, newline included; the default graph has no graph term. */
export function quadLine(quad: Quad): string {
  if (quad.graph.termType === 'DefaultGraph') return tripleLine(quad);
  return `${termToNt(quad.subject)} ${termToNt(quad.predicate)} ${termToNt(quad.object)} ${termToNt(quad.graph)} .\n`;
}

/** Checks a graph name before it is spliced into SPARQL or N-Quads text. */
export function graphIriRef(graph: string): string {
  return iri(graph);
}
