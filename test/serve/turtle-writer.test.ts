// writeTurtle: N3's layout and prefixes, without N3's cost; every graph reads back the same.
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { writeTurtle } from '../../src/serve/turtle-writer.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const ex = (l: string) => namedNode(`https://ex.test/${l}`);
const type = namedNode(`${NS.rdf}type`);

const canonical = (qs: readonly Quad[]) => qs.map((q) => [q.subject, q.predicate, q.object].map((t) => (t.termType === 'BlankNode' ? '_:b'
  : t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : t.value)).join(' ')).sort();

const n3Turtle = (qs: readonly Quad[], prefixes: Record<string, string>) => new Promise<string>((resolve, reject) => {
  const writer = new Writer({ format: 'text/turtle', prefixes });
  writer.addQuads([...qs]);
  writer.end((error, out: string) => (error ? reject(error) : resolve(out)));
});

const dataset: Quad[] = [
  quad(ex('ds/1'), type, namedNode(`${NS.dcat}Dataset`)),
  quad(ex('ds/1'), namedNode(`${NS.dct}title`), literal('Données "A" \\ B\nline\ttab', 'fr')),
  quad(ex('ds/1'), namedNode(`${NS.dct}title`), literal('Data', 'en')),
  quad(ex('ds/1'), namedNode(`${NS.dct}identifier`), literal('id-1')),
  quad(ex('ds/1'), namedNode(`${NS.dcat}byteSize`), literal('42', namedNode(`${NS.xsd}nonNegativeInteger`))),
  quad(ex('ds/1'), namedNode(`${NS.dcat}keyword`), literal('x')),
  quad(ex('ds/1'), namedNode(`${NS.dct}publisher`), blankNode('pub')),
  quad(blankNode('pub'), namedNode(`${NS.foaf}name`), literal('Agency')),
  quad(ex('ds/2'), namedNode(`${NS.dct}issued`), literal('2024-01-01', namedNode(`${NS.xsd}date`))),
  quad(ex('ds/2'), namedNode(`${NS.sheaf}count`), literal('7', namedNode(`${NS.xsd}integer`))),
  quad(ex('ds/2'), namedNode(`${NS.sheaf}flag`), literal('true', namedNode(`${NS.xsd}boolean`))),
];

describe('writeTurtle', () => {
  it('writes the body N3 writes, with only the prefixes used', async () => {
    const mine = writeTurtle(dataset, NS);
    const theirs = await n3Turtle(dataset, { dcat: NS.dcat, dct: NS.dct, foaf: NS.foaf, xsd: NS.xsd, sheaf: NS.sheaf });
    expect(mine.slice(mine.indexOf('\n\n'))).toBe(theirs.slice(theirs.indexOf('\n\n')));
    expect(mine).toContain('@prefix dct: <http://purl.org/dc/terms/>.');
    expect(mine).not.toContain('@prefix rdf:'); // rdf:type is written `a`
    expect(mine).not.toContain('@prefix odrl:');
  });

  it('reads back the same graph when IRIs and labels need escapes or cannot be prefixed names', () => {
    const odd: Quad[] = [
      quad(namedNode('https://ex.test/a%20b?x=1&y=é'), namedNode(`${NS.dct}title`), literal('\u0001 control')),
      quad(namedNode(`${NS.dct}1starts-with-digit`), namedNode(`${NS.dct}has.dot`), namedNode(`${NS.dct}`)),
      quad(blankNode('odd label!'), namedNode('https://ex.test/p'), literal('😀', namedNode('https://ex.test/dt'))),
      quad(ex('s'), namedNode('https://ex.test/p'), literal('01', namedNode(`${NS.xsd}integer`))),
    ];
    const text = writeTurtle(odd, NS);
    expect(canonical(new Parser().parse(text))).toEqual(canonical(odd));
  });

  it('writes an empty graph as nothing', () => {
    expect(writeTurtle([], NS)).toBe('');
  });
});
