// ShaclValidator: the JSON summary (status, counts, rows) and the W3C report graph from one compiled validator.
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';

const P = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
  @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`;
const SHAPES = `${P}
ex:Person a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "a person needs a name" ] ,
              [ sh:path ex:email ; sh:minCount 1 ; sh:severity sh:Warning ] ,
              [ sh:path ex:nick ; sh:maxCount 0 ; sh:severity sh:Info ] ,
              [ sh:path ex:age ; sh:datatype xsd:integer ; sh:severity ex:Custom ] ,
              [ sh:path [ sh:inversePath ex:knows ] ; sh:maxCount 1 ] .`;

const validator = await ShaclValidator.compile({ shapes: await parseRdf(SHAPES, { format: 'turtle' }) });
const run = async (data: string) => validator.validate(await parseRdf(`${P} ${data}`, { format: 'turtle' }));

describe('ShaclValidator', () => {
  it.each([
    ['conformant', 'ex:a a ex:Person ; ex:name "A" ; ex:email "a@x" .', 'conformant', true],
    ['with-warnings', 'ex:a a ex:Person ; ex:name "A" .', 'with-warnings', false],
    ['info only: conformant but not sh:conforms', 'ex:a a ex:Person ; ex:name "A" ; ex:email "e" ; ex:nick "n" .', 'conformant', false],
    ['non-conformant', 'ex:a a ex:Person ; ex:email "a@x" .', 'non-conformant', false],
    ['custom severity counts as a violation', 'ex:a a ex:Person ; ex:name "A" ; ex:email "e" ; ex:age "old" .', 'non-conformant', false],
  ])('%s', async (_name, data, status, conforms) => {
    const outcome = await run(data);
    expect(outcome.status).toBe(status);
    expect(outcome.conforms).toBe(conforms);
  });

  it('reports focus node, path, value, message, severity and source shape per result', async () => {
    const outcome = await run('ex:a a ex:Person ; ex:email "x" . ex:b ex:knows ex:a . ex:c ex:knows ex:a .');
    expect(outcome.counts).toEqual({ violations: 2, warnings: 0, infos: 0 });
    const name = outcome.results.find((r) => r.path === '<http://example.org/name>')!;
    expect(name).toMatchObject({ severity: 'Violation', focusNode: 'http://example.org/a', message: 'a person needs a name',
      sourceConstraintComponent: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent' });
    expect(name.sourceShape).toMatch(/^_:/);
    expect(outcome.results.some((r) => r.path === '^<http://example.org/knows>')).toBe(true);
  });

  it('builds the sh:ValidationReport graph on demand', async () => {
    const outcome = await run('ex:a a ex:Person .');
    const quads = outcome.reportQuads();
    expect(quads.some((q) => q.object.value === 'http://www.w3.org/ns/shacl#ValidationReport')).toBe(true);
    expect(quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#result')).toHaveLength(2);
    expect(outcome.reportQuads()).toBe(quads);
  });

  it('is reusable: the same compiled validator gives independent reports', async () => {
    const [bad, good] = await Promise.all([run('ex:a a ex:Person .'), run('ex:b a ex:Person ; ex:name "B" ; ex:email "e" .')]);
    expect(bad.results).toHaveLength(2);
    expect(good.results).toEqual([]);
  });
});
