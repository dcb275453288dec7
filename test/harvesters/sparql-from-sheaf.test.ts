// Harvesting EUCAIM records from a real sheaf's /sparql: every literal comes back byte for byte as the other sheaf stored it.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { sparql } from '../../harvesters/sparql/index.js';
import { tripleLine } from '../../src/core/nquads.js';
import { FIXTURES_DIR } from '../fixture-server.js';
import { sparqlApp } from '../serve/sparql-app.js';
import { harvestAll } from './harvest-all.js';

const { namedNode, literal, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RECORDS = ['records/eucaim-conformant.ttl', 'fdp/eucaim-dataset-lung-ct-2024.ttl', 'fdp/eucaim-dataset-prostate-mri-2023.ttl', 'fdp/eucaim-dataset-prostate-mri-2024.ttl'];

/** Literals as another exporter may write them, all of which a value store rewrites. */
function unusualLiterals(): Quad[] {
  const d = namedNode('https://records.example.org/odd/dataset');
  const p = (local: string) => namedNode(`http://healthdataportal.eu/ns/health#${local}`);
  return [
    quad(d, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://www.w3.org/ns/dcat#Dataset')),
    quad(d, p('numberOfRecords'), literal('0900', namedNode(`${XSD}nonNegativeInteger`))),
    // Two literals of one value: a value store keeps one; the record has both.
    quad(d, p('numberOfUniqueIndividuals'), literal('5', namedNode(`${XSD}nonNegativeInteger`))),
    quad(d, p('numberOfUniqueIndividuals'), literal('05', namedNode(`${XSD}nonNegativeInteger`))),
    quad(d, p('minTypicalAge'), literal('+18', namedNode(`${XSD}int`))),
    quad(d, namedNode('http://purl.org/dc/terms/modified'), literal('2024-06-15T10:30:00.000Z', namedNode(`${XSD}dateTime`))),
    quad(d, p('hasCodedValues'), literal('1', namedNode(`${XSD}boolean`))),
    quad(d, p('weight'), literal('1.50', namedNode(`${XSD}decimal`))),
  ];
}

describe('sparql adapter harvesting another sheaf', () => {
  it('keeps every literal of EUCAIM records exactly as the other sheaf stored it (no canonical xsd:integer)', async () => {
    const { app, store } = await sparqlApp();
    const stored: Quad[][] = RECORDS.map((file) => new Parser({ baseIRI: 'https://records.example.org/' }).parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8').replaceAll('{{base}}', 'https://fdp.example.org')));
    stored.push(unusualLiterals());
    for (const [i, quads] of stored.entries()) await store.replaceGraph(`http://sheaf.test/graph/record/eucaim/${i}`, quads);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const endpoint = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/sparql`;

    const got = await harvestAll(sparql, { key: 'other-sheaf', url: endpoint });
    expect(got.errors).toEqual([]);
    expect(got.end.complete).toBe(true);

    // Every triple with an IRI subject and a literal object, as N-Triples text: what was stored, and what came back.
    const literalLines = (quads: readonly Quad[]) => quads
      .filter((q) => q.subject.termType === 'NamedNode' && q.object.termType === 'Literal')
      .map((q) => tripleLine(quad(q.subject, q.predicate, q.object))).sort();
    const harvested = got.records.flatMap((r) => (r.shape === 'quads' ? r.quads : []));
    const datasets = new Set(got.records.map((r) => (r.shape === 'quads' ? r.subject : '')));
    expect(datasets.size).toBe(stored.length);
    // The records' own nodes (dataset, distributions, contact points…) are what the adapter describes.
    const described = new Set(harvested.map((q) => q.subject.value));
    const expected = literalLines(stored.flat().filter((q) => described.has(q.subject.value)));
    expect(literalLines(harvested)).toEqual([...new Set(expected)]);
    const lines = literalLines(harvested).join('');
    expect(lines).toContain(`"412"^^<${XSD}nonNegativeInteger>`);
    expect(lines).toContain(`"0900"^^<${XSD}nonNegativeInteger>`);
    expect(lines).toContain(`"05"^^<${XSD}nonNegativeInteger>`);
    expect(lines).toContain(`"2024-06-15T10:30:00.000Z"^^<${XSD}dateTime>`);
    expect(lines).not.toContain(`^^<${XSD}integer>`);
  });
});
