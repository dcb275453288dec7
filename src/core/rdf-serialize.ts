// **serializeRdf** writes quads in a negotiated RDF format: Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML.
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';
import { NS } from './namespaces.js';
import type { RdfFormat } from './rdf-format.js';
import { expandQuads } from './expand-quads.js';
import { prefixJsonLd } from './jsonld-prefix.js';
import { writeRdfXml } from './rdf-xml-writer.js';

export interface SerializeRdfOptions {
  readonly format: RdfFormat;
  /** Prefixes for Turtle and the JSON-LD context; defaults to sheaf's namespace table. */
  readonly prefixes?: Readonly<Record<string, string>>;
}

const DEFAULT_PREFIXES: Readonly<Record<string, string>> = NS;

function n3Write(quads: readonly Quad[], format: string, prefixes?: Readonly<Record<string, string>>): Promise<string> {
  const writer = new Writer({ format, ...(prefixes && { prefixes: { ...prefixes } }) });
  writer.addQuads([...quads]);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/** Only the prefixes whose namespace occurs in the data, so documents don't open with 25 unused lines. */
function usedPrefixes(quads: readonly Quad[], prefixes: Readonly<Record<string, string>>): Record<string, string> {
  const used: Record<string, string> = {};
  let unused = Object.entries(prefixes);
  // A page repeats the same IRIs (predicates, types, vocabulary terms) thousands of times: test each once.
  const seen = new Set<string>();
  const visit = (term: Quad['subject'] | Quad['predicate'] | Quad['object'] | undefined) => {
    if (term?.termType !== 'NamedNode' || seen.has(term.value)) return;
    seen.add(term.value);
    let matched = false;
    for (const [prefix, ns] of unused) {
      if (term.value.startsWith(ns)) {
        used[prefix] = ns;
        matched = true;
      }
    }
    if (matched) unused = unused.filter(([prefix]) => !(prefix in used));
  };
  for (const quad of quads) {
    if (unused.length === 0) break;
    visit(quad.subject);
    visit(quad.predicate);
    visit(quad.object);
    if (quad.object.termType === 'Literal') visit(quad.object.datatype);
  }
  return used;
}

export async function serializeRdf(quads: readonly Quad[], options: SerializeRdfOptions): Promise<string> {
  const prefixes = options.prefixes ?? DEFAULT_PREFIXES;
  switch (options.format) {
    case 'turtle': return n3Write(quads, 'text/turtle', usedPrefixes(quads, prefixes));
    case 'trig': return n3Write(quads, 'application/trig', usedPrefixes(quads, prefixes));
    case 'n-triples': return n3Write(quads, 'application/n-triples');
    case 'n-quads': return n3Write(quads, 'application/n-quads');
    case 'rdf-xml': return writeRdfXml(quads);
    case 'json-ld': {
      // Lists and JSON literals need jsonld's full algorithm; fromRDF takes RDF/JS quads directly (4x faster
      // than parsing N-Quads text). Loaded on first use: most documents never need it, and it is slow to load.
      const expanded = expandQuads(quads) ?? await (await import('jsonld')).default.fromRDF(quads as unknown as Parameters<typeof import('jsonld').fromRDF>[0]);
      return JSON.stringify(prefixJsonLd(expanded as Record<string, unknown>[], prefixes));
    }
  }
}
