// The record index keeps each triple once, however many values a subject has under one predicate.
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { IndexedGraph } from '../../src/validate/indexed-graph.js';

const { namedNode, literal, quad, defaultGraph } = DataFactory;
const catalogue = namedNode('https://c.example/');
const dataset = namedNode('http://www.w3.org/ns/dcat#dataset');

describe('IndexedGraph', () => {
  it.each([3, 16, 17, 2_000])('keeps each of %i values under one predicate once, duplicates dropped', (n) => {
    const values = Array.from({ length: n }, (_, i) => namedNode(`https://c.example/d/${i}`));
    const quads = [...values, ...values.slice(0, Math.ceil(n / 2))].map((v) => quad(catalogue, dataset, v));
    // Equal terms that are different objects, and a literal beside an IRI of the same text.
    quads.push(quad(catalogue, dataset, namedNode('https://c.example/d/0')), quad(catalogue, dataset, literal('https://c.example/d/0')));
    const graph = new IndexedGraph(quads);
    expect(graph.size).toBe(n + 1);
    expect(graph.outQuads(catalogue, dataset).map((q) => q.object.value)).toEqual([...values.map((v) => v.value), 'https://c.example/d/0']);
    expect(graph.has(quad(catalogue, dataset, namedNode(`https://c.example/d/${n - 1}`), defaultGraph()))).toBe(true);
  });
});
