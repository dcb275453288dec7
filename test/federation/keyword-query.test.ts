// keywordQuery: the SPARQL peer's keyword SELECT carries user text only as bound literals.
import sparqljs from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { keywordQuery } from '../../src/federation/sparql-peer-search.js';

type Values = { type: 'values'; values: Array<Record<string, { value: string; termType: string }>> };

function valuesOf(text: string): Record<string, string[]> {
  const parsed = new sparqljs.Parser().parse(text) as sparqljs.SelectQuery;
  const out: Record<string, string[]> = {};
  for (const p of parsed.where ?? []) {
    if (p.type !== 'values') continue;
    for (const row of (p as unknown as Values).values) for (const [k, t] of Object.entries(row)) (out[k.slice(1)] ??= []).push(t.value);
  }
  return out;
}

describe('keywordQuery', () => {
  it('binds each distinct lower-cased word and their number', () => {
    expect(valuesOf(keywordQuery('Lung  CANCER lung'))).toEqual({ wordCount: ['2'], word: ['lung', 'cancer'] });
  });

  it('keeps hostile text inside a literal', () => {
    const text = keywordQuery('x"} DROP ALL #');
    expect(valuesOf(text).word).toEqual(['x"}', 'drop', 'all', '#']);
    expect(text).not.toMatch(/^\s*DROP/m);
  });

  it('lists every dataset for an empty question', () => {
    expect(valuesOf(keywordQuery(''))).toEqual({ wordCount: ['1'], word: [''] });
  });
});
