// cleanLiterals: whitespace, empty literals and language tags, on quads made by a factory that keeps tag case.
import { describe, expect, it } from 'vitest';
import rdf from 'rdf-ext';
import type { Literal } from '@rdfjs/types';
import { NS } from '../../src/core/namespaces.js';
import { loadBundledMappings, normalise } from '../../src/normalise/index.js';
import { cleanLanguageTag, cleanLiterals } from '../../src/normalise/clean-literals.js';

describe('cleanLiterals', () => {
  it.each([
    ['EN', 'en'],
    ['en-GB', 'en-gb'],
    ['pt_BR', 'pt-br'],
    [' de- ', 'de'],
    ['english!', ''],
    ['1x', ''],
  ])('language tag %j → %j', (tag, cleaned) => {
    expect(cleanLanguageTag(tag)).toBe(cleaned);
  });

  it('trims, drops empty literals, cleans or drops tags, keeps datatypes, and counts each change', async () => {
    const s = rdf.namedNode('https://records.example.org/ds');
    const p = (local: string) => rdf.namedNode(`${NS.dct}${local}`);
    // rdf-ext keeps the tags as written (an n3 Store would already lower-case them).
    const input = rdf.dataset([
      rdf.quad(s, p('title'), rdf.literal('  Lung CT  ', 'EN-GB')),
      rdf.quad(s, p('alternative'), rdf.literal('   ')),
      rdf.quad(s, p('description'), rdf.literal('Beschreibung', 'DE')),
      rdf.quad(s, p('abstract'), rdf.literal('x', 'not a tag')),
      rdf.quad(s, p('extent'), rdf.literal(' 42 ', rdf.namedNode(`${NS.xsd}integer`))),
      rdf.quad(s, p('identifier'), rdf.literal('ok')),
    ]);
    const { dataset, report } = normalise(input, { mappings: await loadBundledMappings() }, [cleanLiterals]);
    const out = Object.fromEntries(
      [...dataset].map((q) => {
        const o = q.object as Literal;
        return [q.predicate.value.slice(NS.dct.length), [o.value, o.language, o.datatype.value.slice(NS.xsd.length)]];
      }),
    );
    expect(out).toEqual({
      title: ['Lung CT', 'en-gb', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'.slice(NS.xsd.length)],
      description: ['Beschreibung', 'de', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'.slice(NS.xsd.length)],
      abstract: ['x', '', 'string'],
      extent: ['42', '', 'integer'],
      identifier: ['ok', '', 'string'],
    });
    expect(report[0]!.counts).toEqual({
      'whitespace-trimmed': 2,
      'empty-literal-dropped': 1,
      'language-tag-cleaned': 2,
      'language-tag-dropped': 1,
    });
  });
});
