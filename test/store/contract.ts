// **runStoreContract** is the CatalogueStore contract: one vitest suite every backend runs in a few lines.
import { randomUUID } from 'node:crypto';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueStore } from '../../src/store/catalogue-store.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface StoreContractOptions {
  readonly name: string;
  /** A store ready for use. The suite only touches graphs and subjects under its own unique IRI prefix. */
  readonly open: () => Promise<CatalogueStore>;
  /** Closes `store` and opens the same data again; given only for durable backends. */
  readonly reopen?: (store: CatalogueStore) => Promise<CatalogueStore>;
  readonly cleanup?: () => Promise<void>;
  /** Set with a reason when the backend cannot run a query long enough to hit a deadline safely. */
  readonly skipTimeout?: string;
  /** Set with a reason when SELECT answers valid literals by value (canonical form, base datatype). */
  readonly selectCanonicalLiterals?: string;
}

// Backend-neutral comparison: blank node labels are not kept by stores, and language tags are
// case-insensitive (RDF 1.1), so both are normalised; everything else must come back exactly as given.
function line(q: Quad): string {
  const term = (t: Term): string => {
    if (t.termType === 'BlankNode') return '_:b';
    if (t.termType === 'Literal') {
      return t.language ? `"${t.value}"@${t.language.toLowerCase()}` : `"${t.value}"^^<${t.datatype.value}>`;
    }
    return `<${t.value}>`;
  };
  return `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`;
}

function lines(quads: Iterable<Quad>): string[] {
  return [...quads].map(line).sort();
}

export function runStoreContract(options: StoreContractOptions): void {
  describe(`CatalogueStore contract: ${options.name}`, () => {
    const base = `http://contract.sheaf.test/${randomUUID()}/`;
    const g = (name: string): string => `${base}graph/${name}`;
    const iri = (name: string) => namedNode(`${base}${name}`);
    const p = iri('p');
    let store: CatalogueStore;

    const graphQuads = async (graph: string): Promise<Quad[]> =>
      store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
    const count = async (graph: string): Promise<number> => {
      const result = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
      return Number(result.rows[0]?.get('n')?.value ?? 0);
    };

    beforeAll(async () => {
      store = await options.open();
    });
    afterAll(async () => {
      await store?.close();
      await options.cleanup?.();
    });

    describe('graphs', () => {
      it('replaces a graph whole and ignores the quads’ own graph terms', async () => {
        await store.replaceGraph(g('r'), [quad(iri('s'), p, literal('old'), namedNode('http://elsewhere.test/'))]);
        await store.replaceGraph(g('r'), [quad(iri('s'), p, literal('new 1')), quad(iri('s'), p, literal('new 2'))]);
        expect(lines(await graphQuads(g('r')))).toEqual(lines([quad(iri('s'), p, literal('new 1')), quad(iri('s'), p, literal('new 2'))]));
        expect(await store.ask(`ASK { GRAPH <http://elsewhere.test/> { ?s ?p ?o } }`)).toBe(false);
      });

      it('empties a graph replaced by nothing, and drops graphs', async () => {
        await store.replaceGraphs([
          { graph: g('e'), quads: [quad(iri('e'), p, literal('1'))] },
          { graph: g('d'), quads: [quad(iri('d'), p, literal('1'))] },
        ]);
        await store.replaceGraph(g('e'), []);
        await store.dropGraph(g('d'));
        await store.dropGraph(g('never-existed'));
        expect(await count(g('e'))).toBe(0);
        expect(await count(g('d'))).toBe(0);
        const listed = await store.listGraphs({ prefix: base });
        expect(listed).not.toContain(g('e'));
        expect(listed).not.toContain(g('d'));
      });

      it('reads named graphs by name: their triples in the default graph, blank nodes apart per graph', async () => {
        const b = blankNode('same-label');
        await store.replaceGraphs([
          { graph: g('read/a'), quads: [quad(iri('ra'), p, literal('1')), quad(iri('ra'), iri('by'), b)] },
          { graph: g('read/b'), quads: [quad(iri('rb'), p, literal('2', namedNode(`${XSD}nonNegativeInteger`))), quad(iri('rb'), iri('by'), b)] },
          { graph: g('read/c'), quads: [quad(iri('rc'), p, literal('3'))] },
        ]);
        const read = await store.readGraphs([g('read/a'), g('read/b'), g('read/none')]);
        expect(lines(read)).toEqual(lines([
          quad(iri('ra'), p, literal('1')), quad(iri('ra'), iri('by'), b),
          quad(iri('rb'), p, literal('2', namedNode(`${XSD}nonNegativeInteger`))), quad(iri('rb'), iri('by'), b),
        ]));
        expect(read.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
        const blanks = new Set(read.filter((q) => q.object.termType === 'BlankNode').map((q) => q.object.value));
        expect(blanks.size).toBe(2);
        expect(await store.readGraphs([])).toEqual([]);
        // The same triples as text, for another thread to parse; nothing for a graph that holds nothing.
        const text = await store.readGraphText(g('read/b'));
        expect(lines(new Parser({ format: 'N-Triples' }).parse(text ?? ''))).toEqual(lines(await store.readGraphs([g('read/b')])));
        expect(await store.readGraphText(g('read/none'))).toBeUndefined();
      });

      it('replaces graphs given as N-Triples text as it does graphs given as triples', async () => {
        const triples = [quad(iri('t'), p, literal('tab\there "quoted"')), quad(iri('t'), iri('by'), blankNode('x'))];
        const text = `<${iri('t').value}> <${p.value}> "tab\\there \\"quoted\\"" .\n<${iri('t').value}> <${iri('by').value}> _:x .\n`;
        await store.replaceGraphs([{ graph: g('text/a'), ntriples: text }, { graph: g('text/b'), quads: triples }]);
        expect(lines(await store.readGraphs([g('text/a')]))).toEqual(lines(await store.readGraphs([g('text/b')])));
        expect(lines(await store.readGraphs([g('text/a')]))).toEqual(lines(triples));
        await store.replaceGraphs([{ graph: g('text/a'), ntriples: '' }]);
        expect(await store.readGraphs([g('text/a')])).toEqual([]);
      });

      it('lists graphs holding quads, filtered by prefix', async () => {
        await store.replaceGraphs([
          { graph: g('list/a'), quads: [quad(iri('a'), p, literal('1'))] },
          { graph: g('list/b'), quads: [quad(iri('b'), p, literal('1'))] },
          { graph: g('lister'), quads: [quad(iri('c'), p, literal('1'))] },
        ]);
        expect((await store.listGraphs({ prefix: g('list/') })).sort()).toEqual([g('list/a'), g('list/b')]);
        expect(await store.listGraphs()).toEqual(expect.arrayContaining([g('list/a'), g('list/b'), g('lister')]));
      });
    });

    describe('queries', () => {
      beforeAll(async () => {
        await store.replaceGraphs([
          { graph: g('q1'), quads: [quad(iri('q'), p, literal('one')), quad(iri('q'), iri('label'), literal('Q', 'en'))] },
          { graph: g('q2'), quads: [quad(iri('q'), p, literal('two')), quad(iri('r'), p, literal('three'))] },
        ]);
      });

      it('SELECTs over the union of all graphs, unbound variables absent', async () => {
        const result = await store.select(
          `SELECT ?o ?label WHERE { <${base}q> <${p.value}> ?o OPTIONAL { <${base}q> <${base}label> ?label FILTER(?o = "one") } } ORDER BY ?o`,
        );
        expect([...result.variables].sort()).toEqual(['label', 'o']);
        expect(result.rows.map((r) => r.get('o')?.value)).toEqual(['one', 'two']);
        expect(result.rows[0]?.get('label')?.value).toBe('Q');
        expect(result.rows[1]?.has('label')).toBe(false);
      });

      it('answers ASK, CONSTRUCT and DESCRIBE', async () => {
        expect(await store.ask(`ASK { <${base}q> <${p.value}> "two" }`)).toBe(true);
        expect(await store.ask(`ASK { <${base}q> <${p.value}> "four" }`)).toBe(false);
        const built = await store.construct(`CONSTRUCT { ?s <${base}copy> ?o } WHERE { GRAPH <${g('q2')}> { ?s ?p ?o } }`);
        expect(lines(built)).toEqual(lines([quad(iri('q'), iri('copy'), literal('two')), quad(iri('r'), iri('copy'), literal('three'))]));
        expect(built.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
        const described = await store.construct(`DESCRIBE <${base}r>`);
        expect(lines(described)).toContain(line(quad(iri('r'), p, literal('three'))));
      });

      it('restricts the dataset with defaultGraphUris and namedGraphUris', async () => {
        const query = `SELECT ?o WHERE { <${base}q> <${p.value}> ?o }`;
        const only = await store.select(query, { defaultGraphUris: [g('q1')] });
        expect(only.rows.map((r) => r.get('o')?.value)).toEqual(['one']);
        const named = await store.select(`SELECT ?g WHERE { GRAPH ?g { <${base}q> <${p.value}> ?o } }`, {
          namedGraphUris: [g('q2')],
        });
        expect(named.rows.map((r) => r.get('g')?.value)).toEqual([g('q2')]);
      });

      it('rejects a malformed query with CAT_ERR_BAD_QUERY', async () => {
        await expect(store.select('SELEC ?x WHERE {')).rejects.toMatchObject({ code: 'CAT_ERR_BAD_QUERY' });
      });

      it('runs SPARQL updates that later queries see', async () => {
        await store.update(`INSERT DATA { GRAPH <${g('u')}> { <${base}u> <${p.value}> "inserted" , "other" } }`);
        await store.update(`DELETE WHERE { GRAPH <${g('u')}> { <${base}u> <${p.value}> "other" } }`);
        expect(lines(await graphQuads(g('u')))).toEqual([line(quad(iri('u'), p, literal('inserted')))]);
        expect(await store.listGraphs({ prefix: g('u') })).toEqual([g('u')]);
      });
    });

    describe('terms are kept as given', () => {
      const typed = (value: string, type: string) => literal(value, namedNode(type.includes(':') ? type : `${XSD}${type}`));
      // Ill-formed literals, custom datatypes, language tags and unicode must come back exactly as given.
      const exact = [
        typed('abc', 'integer'),
        typed('yes', 'boolean'),
        typed('2024-13-45', 'date'),
        typed('x', 'http://example.org/my-datatype'),
        literal('colour', 'en-GB'),
        literal('chat', 'fr'),
        literal('日本語 😀 é "quoted" \\ back\nslash\ttab'),
      ];
      // Well-formed but non-canonical forms may come back in their canonical form (same value): engines
      // that index values (Oxigraph) answer queries that way.
      const sameValue: [given: ReturnType<typeof typed>, canonical: string][] = [
        [typed('01', 'integer'), '1'],
        [typed('1.50', 'decimal'), '1.5'],
        [typed('2024-01-01T00:00:00.000Z', 'dateTime'), '2024-01-01T00:00:00Z'],
      ];
      const given = [
        ...[...exact, ...sameValue.map(([l]) => l)].map((o) => quad(iri('t'), p, o)),
        quad(namedNode(`${base}ünïcödé/日本`), p, literal('iri')),
      ];
      const accepted = (o: Term): boolean => {
        const key = line(quad(iri('t'), p, o as never));
        if (exact.some((l) => line(quad(iri('t'), p, l)) === key)) return true;
        return sameValue.some(
          ([l, canonical]) => o.termType === 'Literal' && o.datatype.equals(l.datatype) && [l.value, canonical].includes(o.value),
        );
      };

      it('round-trips datatypes (ill-formed ones too), language tags and unicode', async () => {
        await store.replaceGraph(g('terms'), given);
        const built = await graphQuads(g('terms'));
        expect(built).toHaveLength(given.length);
        expect(built.filter((q) => q.subject.value === `${base}t`).every((q) => accepted(q.object))).toBe(true);
        expect(lines(built)).toContain(line(given.at(-1)!));
        const selected = await store.select(`SELECT ?o WHERE { GRAPH <${g('terms')}> { <${base}t> ?p ?o } }`);
        expect(selected.rows).toHaveLength(given.length - 1);
        expect(selected.rows.every((r) => accepted(r.get('o')!))).toBe(true);
      });

      // Valid literals in non-canonical form or of integer-derived datatypes: engines that store values
      // (Oxigraph) give them back as "5"^^xsd:integer, "1"^^xsd:decimal, and merge the ones that became equal.
      const verbatim = [
        typed('5', 'nonNegativeInteger'), typed('05', 'integer'), typed('abc', 'integer'), typed('1.0', 'decimal'),
        typed('7', 'int'), typed('1', 'boolean'),
      ].map((o) => quad(iri('v'), p, o));
      // Not here: "5"^^xsd:integer next to "5"^^xsd:nonNegativeInteger. Virtuoso 7.2 keeps only one of two
      // literals equal in value (measured), so no backend keeps that pair apart today.

      it('reads whole graphs (CONSTRUCT, readGraphs, dump) with every literal exactly as given', async () => {
        await store.replaceGraph(g('verbatim'), verbatim);
        expect(lines(await graphQuads(g('verbatim')))).toEqual(lines(verbatim));
        const both = `CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { <${g('verbatim')}> <${g('none')}> } GRAPH ?g { ?s ?p ?o } }`;
        expect(lines(await store.construct(both))).toEqual(lines(verbatim));
        expect(lines(await store.readGraphs([g('verbatim')]))).toEqual(lines(verbatim));
        const dumped: Quad[] = [];
        for await (const q of store.dump()) if (q.graph.value === g('verbatim')) dumped.push(q);
        expect(lines(dumped)).toEqual(lines(verbatim));
      });

      it.skipIf(options.selectCanonicalLiterals !== undefined)('SELECTs literals exactly as given', async () => {
        await store.replaceGraph(g('verbatim'), verbatim);
        const selected = await store.select(`SELECT ?s ?p ?o WHERE { GRAPH <${g('verbatim')}> { ?s ?p ?o } }`);
        const rows = selected.rows.map((r) => quad(r.get('s') as Quad['subject'], r.get('p') as Quad['predicate'], r.get('o') as Quad['object']));
        expect(lines(rows)).toEqual(lines(verbatim));
      });

      it('keeps blank nodes of different graphs apart and joins them within a graph', async () => {
        await store.replaceGraphs([
          { graph: g('bn1'), quads: [quad(blankNode('b'), p, literal('1')), quad(blankNode('b'), iri('q'), literal('2'))] },
          { graph: g('bn2'), quads: [quad(blankNode('b'), p, literal('3'))] },
        ]);
        const within = await store.select(`SELECT ?x WHERE { ?x <${p.value}> "1" ; <${base}q> "2" }`);
        expect(within.rows).toHaveLength(1);
        const across = await store.select(`SELECT ?x WHERE { ?x <${p.value}> "1" . ?x <${p.value}> "3" }`);
        expect(across.rows).toHaveLength(0);
      });
    });

    describe('scale and concurrency', () => {
      it('holds a graph of 100 000 quads', async () => {
        const big = Array.from({ length: 100_000 }, (_, i) => quad(iri(`big/${i % 1000}`), iri(`p${i % 100}`), literal(`v${i}`)));
        await store.replaceGraph(g('big'), big);
        expect(await count(g('big'))).toBe(100_000);
        await store.dropGraph(g('big'));
        expect(await count(g('big'))).toBe(0);
      });

      it('shows readers a graph’s old or new content, never a mix', async () => {
        const version = (tag: string) => Array.from({ length: 500 }, (_, i) => quad(iri(`mix/${i}`), p, literal(tag)));
        await store.replaceGraph(g('mix'), version('A'));
        const query = `SELECT ?o (COUNT(*) AS ?n) WHERE { GRAPH <${g('mix')}> { ?s <${p.value}> ?o } } GROUP BY ?o`;
        const writes: Promise<void>[] = [];
        const reads: Promise<string>[] = [];
        for (let i = 0; i < 20; i++) {
          writes.push(store.replaceGraph(g('mix'), version(i % 2 === 0 ? 'B' : 'A')));
          reads.push(store.select(query).then((r) => r.rows.map((row) => `${row.get('o')?.value}=${row.get('n')?.value}`).join()));
        }
        await Promise.all(writes);
        for (const seen of await Promise.all(reads)) expect(['A=500', 'B=500']).toContain(seen);
      });
    });

    describe('dump and load', () => {
      it('round-trips through dump → load', async () => {
        const original = [
          { graph: g('rt/1'), quads: [quad(iri('rt1'), p, literal('x', 'de')), quad(blankNode('n'), p, literal('5', namedNode(`${XSD}integer`)))] },
          { graph: g('rt/2'), quads: [quad(iri('rt2'), p, iri('rt1')), quad(blankNode('n'), p, literal('bn in rt2'))] },
        ];
        await store.replaceGraphs(original);
        const dumped: Quad[] = [];
        for await (const q of store.dump()) if (q.graph.value.startsWith(g('rt/'))) dumped.push(q);
        expect(dumped).toHaveLength(4);
        for (const { graph } of original) await store.dropGraph(graph);
        const progress: number[] = [];
        const loaded = await store.load(dumped, { onProgress: (pr) => progress.push(pr.quads) });
        expect(loaded.quads).toBe(4);
        expect(progress.at(-1)).toBe(4);
        for (const { graph, quads } of original) expect(lines(await graphQuads(graph))).toEqual(lines(quads));
        const across = await store.select(`SELECT ?x WHERE { ?x <${p.value}> "bn in rt2" , "5"^^<${XSD}integer> }`);
        expect(across.rows).toHaveLength(0);
      });

      it('load replaces each graph the stream holds', async () => {
        await store.replaceGraph(g('lr'), [quad(iri('lr'), p, literal('before'))]);
        await store.load((async function* () {
          yield quad(iri('lr'), p, literal('after'), namedNode(g('lr')));
        })());
        expect(lines(await graphQuads(g('lr')))).toEqual([line(quad(iri('lr'), p, literal('after')))]);
      });
    });

    describe.skipIf(options.reopen === undefined)('durability', () => {
      it('keeps every returned write across a restart', async () => {
        await store.replaceGraph(g('durable'), [quad(iri('durable'), p, literal('kept', 'en'))]);
        await store.update(`INSERT DATA { GRAPH <${g('durable-u')}> { <${base}du> <${p.value}> "by update" } }`);
        await store.dropGraph(g('list/a'));
        store = await options.reopen!(store);
        expect(lines(await graphQuads(g('durable')))).toEqual([line(quad(iri('durable'), p, literal('kept', 'en')))]);
        expect(await count(g('durable-u'))).toBe(1);
        expect(await store.listGraphs({ prefix: g('list/') })).toEqual([g('list/b')]);
        expect(await graphQuads(g('terms'))).toHaveLength(11);
      });
    });

    describe.skipIf(options.skipTimeout !== undefined)('deadlines', () => {
      it('answers a query past its deadline with CAT_ERR_QUERY_TIMEOUT', async () => {
        await store.replaceGraph(g('slow'), Array.from({ length: 2000 }, (_, i) => quad(iri(`slow/${i}`), p, literal(`${i}`))));
        // A three-way cross product: 8·10⁹ solutions, far beyond any deadline.
        const query = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g('slow')}> { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j } }`;
        await expect(store.select(query, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'CAT_ERR_QUERY_TIMEOUT' });
      });
    });
  });
}
