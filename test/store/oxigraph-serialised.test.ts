// The embedded store's answers as text (selectJson, constructNTriples): the same solutions and triples as select and construct.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFactory, Parser } from 'n3';
import { afterEach, describe, expect, it } from 'vitest';
import { tripleLine } from '../../src/core/nquads.js';
import { parseSparqlJsonResults } from '../../src/core/sparql-json-results.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';

const { namedNode, literal, quad, blankNode } = DataFactory;
const open: OxigraphStore[] = [];
const dirs: string[] = [];

async function store(): Promise<OxigraphStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-serialised-'));
  dirs.push(dir);
  const s = await OxigraphStore.open({ dataDir: dir });
  open.push(s);
  return s;
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const ex = (s: string) => namedNode(`https://ex.test/${s}`);
// Values that look like the structure of the JSON text around them.
const TRICKY = ['{"a": [1, {2}]}', 'back\\slash "quoted" }]', '', '[[[', '}}}', 'line\nbreak'];

describe('OxigraphStore answers as text', () => {
  it('counts a SELECT’s solutions in its JSON text, whatever braces, brackets and quotes the values hold', async () => {
    const s = await store();
    await s.replaceGraph('https://ex.test/g', TRICKY.map((v, i) => quad(ex(`s${i}`), ex('p'), literal(v))));
    await s.replaceGraph('https://ex.test/h', [quad(ex('x'), ex('q'), blankNode('b')), quad(blankNode('b'), ex('p'), literal('{', 'en'))]);
    for (const query of ['SELECT ?s ?o WHERE { ?s <https://ex.test/p> ?o }', 'SELECT * WHERE { ?s ?p ?o }', 'SELECT ?s WHERE { ?s <https://ex.test/none> ?o }']) {
      const answer = await s.selectJson(query);
      const parsed = parseSparqlJsonResults(answer.text);
      expect(answer.rows).toBe(parsed.rows.length);
      expect(parsed.rows.length).toBe((await s.select(query)).rows.length);
    }
    expect((await s.selectJson('SELECT ?o WHERE { ?s <https://ex.test/p> ?o }')).rows).toBe(TRICKY.length + 1);
  });

  it('answers a CONSTRUCT as N-Triples holding the triples construct gives, counted', async () => {
    const s = await store();
    await s.replaceGraph('https://ex.test/g', TRICKY.map((v, i) => quad(ex(`s${i}`), ex('p'), literal(v))));
    await s.replaceGraph('https://ex.test/g2', [quad(ex('s0'), ex('p'), literal('other'))]);
    const lines = (text: string) => new Parser({ format: 'N-Triples' }).parse(text).map(tripleLine).sort();
    for (const query of [
      'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }',
      'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://ex.test/g> { ?s ?p ?o } }',
      'CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { <https://ex.test/g> <https://ex.test/g2> } GRAPH ?g { ?s ?p ?o } }',
    ]) {
      const answer = await s.constructNTriples(query);
      expect(lines(answer.text)).toEqual((await s.construct(query)).map(tripleLine).sort());
      expect(answer.rows).toBe(lines(answer.text).length);
    }
  });
});
