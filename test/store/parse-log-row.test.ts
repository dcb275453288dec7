// parseLogRow reads graph-log rows exactly as N3's N-Triples parser does, falling back to it for unusual lines.
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { tripleLine } from '../../src/core/nquads.js';
import { parseLogRow } from '../../src/store/parse-log-row.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

// Blank node labels differ by design (each reader prefixes its own); everything else must be equal.
const key = (t: Term): string => (t.termType === 'BlankNode' ? `_:${t.value.replace(/^[a-z]\d+_/, '')}` : `${t.termType}|${t.value}|${t.termType === 'Literal' ? `${t.language}|${t.datatype.value}` : ''}`);
const keys = (qs: readonly Quad[]) => qs.map((q) => [q.subject, q.predicate, q.object, q.graph].map(key).join(' '));
const n3 = (text: string) => new Parser({ format: 'N-Triples' }).parse(text);

describe('parseLogRow', () => {
  it('reads what tripleLine writes, escapes and all, as N3 does', () => {
    const s = namedNode('https://ex.test/s');
    const quads = [
      quad(s, namedNode('https://ex.test/p'), literal('plain')),
      quad(s, namedNode('https://ex.test/p'), literal('tab\there "quoted" back\\slash\nnew line\r', 'en-GB')),
      quad(s, namedNode('https://ex.test/p'), literal('5', namedNode(`${XSD}nonNegativeInteger`))),
      quad(s, namedNode('https://ex.test/p'), literal('', namedNode(`${XSD}string`))),
      quad(s, namedNode('https://ex.test/p'), literal('ends with quote"')),
      quad(s, namedNode('https://ex.test/p'), literal('Ünïcödé ✓ 𝄞')),
      quad(blankNode('a1'), namedNode('https://ex.test/q'), blankNode('b.2')),
      quad(s, namedNode('https://ex.test/q'), namedNode('https://ex.test/o?x=1&y=%20#f')),
    ];
    const text = quads.map(tripleLine).join('');
    const read = parseLogRow(text);
    expect(keys(read)).toEqual(keys(n3(text)));
    expect(keys(read)).toEqual(keys(quads));
    expect(read.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
  });

  it('decodes \\u and \\U escapes and the other N-Triples escapes', () => {
    const text = '<https://ex.test/s> <https://ex.test/p> "a\\u00E9b\\U0001D11Ec\\b\\f\\\'" .\n';
    expect(parseLogRow(text)[0]!.object.value).toBe("aéb𝄞c\b\f'");
    expect(keys(parseLogRow(text))).toEqual(keys(n3(text)));
  });

  it('gives each row its own blank nodes', () => {
    const text = '_:x <https://ex.test/p> "1" .\n';
    expect(parseLogRow(text)[0]!.subject.value).not.toBe(parseLogRow(text)[0]!.subject.value);
  });

  it.each([
    ['other spacing', '<https://ex.test/s>  <https://ex.test/p>\t"x" .\n'],
    ['a comment line', '# note\n<https://ex.test/s> <https://ex.test/p> "x" .\n'],
    ['an escape inside an IRI', '<https://ex.test/\\u0073> <https://ex.test/p> "x" .\n'],
    ['no final newline', '<https://ex.test/s> <https://ex.test/p> "x"@en .'],
  ])('hands a row with %s to the full parser', (_, text) => {
    expect(keys(parseLogRow(text))).toEqual(keys(n3(text)));
  });

  it('rejects what N3 rejects', () => {
    expect(() => parseLogRow('<https://ex.test/s> <https://ex.test/p> "x .\n')).toThrow();
    expect(() => parseLogRow('<https://ex.test/s> <https://ex.test/p> "a"b" .\n')).toThrow();
  });
});
