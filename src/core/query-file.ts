// **QueryFile** loads a SPARQL query from queries/*.rq, checks it with sparqljs once, and binds user input as terms.
import { readFileSync } from 'node:fs';
import type { Term } from '@rdfjs/types';
import sparqljs from 'sparqljs';
import { packageUrl } from './package-root.js';

const QUERIES_DIR = packageUrl('queries/');
const generator = new sparqljs.Generator();

/** Placeholder a .rq file puts in a VALUES block to mark it as a parameter: `VALUES ?g { <urn:sheaf:param> }`. */
export const PARAM = 'urn:sheaf:param';

/**
 * User input reaches a query only through `bind`: it fills the query's parameter VALUES blocks with RDF
 * terms, and sparqljs writes the query text, so no string a user sends is ever spliced into SPARQL.
 */
export class QueryFile {
  readonly name: string;
  readonly #parsed: sparqljs.SparqlQuery;

  private constructor(name: string, parsed: sparqljs.SparqlQuery) {
    this.name = name;
    this.#parsed = parsed;
  }

  /** Reads and parses `queries/<name>.rq`; a broken file fails at module load, not on a request. */
  static load(name: string): QueryFile {
    const text = readFileSync(new URL(`${name}.rq`, QUERIES_DIR), 'utf8');
    return new QueryFile(name, new sparqljs.Parser().parse(text));
  }

  /** The parsed query, for callers that shape it further (paging, a GRAPH around it) before writing it. */
  get parsed(): sparqljs.SparqlQuery {
    return this.#parsed;
  }

  /** The query with each parameter block `VALUES ?name { <urn:sheaf:param> }` filled with `values[name]`. */
  bind(values: Readonly<Record<string, readonly Term[]>>): string {
    const seen = new Set<string>();
    const fill = (patterns: sparqljs.Pattern[] | undefined): sparqljs.Pattern[] | undefined => patterns?.map((p) => {
      if (p.type === 'values') {
        const row = (p.values[0] ?? {}) as Record<string, Term | undefined>;
        const [variable, placeholder] = Object.entries(row)[0] ?? [];
        if (!variable || placeholder?.value !== PARAM) return p;
        const name = variable.slice(1);
        const terms = values[name];
        if (terms === undefined) throw new Error(`queries/${this.name}.rq: no value bound for ?${name}`);
        seen.add(name);
        return { type: 'values', values: terms.map((t) => ({ [variable]: t })) } as unknown as sparqljs.ValuesPattern;
      }
      if ('patterns' in p && Array.isArray(p.patterns)) return { ...p, patterns: fill(p.patterns as sparqljs.Pattern[]) } as sparqljs.Pattern;
      return p;
    });
    const query = { ...this.#parsed, where: fill((this.#parsed as sparqljs.Query).where) } as sparqljs.SparqlQuery;
    for (const name of Object.keys(values)) {
      if (!seen.has(name)) throw new Error(`queries/${this.name}.rq has no parameter block VALUES ?${name}`);
    }
    return generator.stringify(query);
  }
}
