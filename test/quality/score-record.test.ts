// MQA scoring: points per metric and dimension on authored records, roll-up rules, bands.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { MQA_MAX, mqaBand } from '../../src/quality/mqa-metrics.js';
import { RecordFacts } from '../../src/quality/record-facts.js';
import { rescoreStatus, scoreRecord } from '../../src/quality/score-record.js';

const P = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <https://ex.org/> .
@prefix ft: <http://publications.europa.eu/resource/authority/file-type/> .`;
const FULL = `${P}
ex:d a dcat:Dataset ; dcat:keyword "k" ; dcat:theme ex:t ; dct:spatial ex:s ; dct:temporal ex:p ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ; dcat:contactPoint ex:c ;
  dct:publisher ex:o ; dct:issued "2024-01-01" ; dct:modified "2024-02-01" ; dcat:distribution ex:d1 .
ex:d1 dcat:accessURL ex:a1 ; dcat:downloadURL ex:f1 ; dct:format ft:CSV ;
  dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ;
  dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> ; dct:rights ex:r ; dcat:byteSize "10" .`;

const facts = (ttl: string, links: Record<string, boolean> = {}, validation = 'conformant') =>
  new RecordFacts({ quads: new Parser().parse(ttl), dataset: 'https://ex.org/d', validation, linkStatus: (u) => links[u] });
const metric = (s: ReturnType<typeof scoreRecord>, id: string) => s.metrics.find((m) => m.id === id)!;

describe('scoreRecord', () => {
  it('gives a complete record with working links all 405 points', () => {
    const s = scoreRecord(facts(FULL, { 'https://ex.org/a1': true, 'https://ex.org/f1': true }));
    expect(MQA_MAX).toBe(405);
    expect(s.points).toBe(405);
    expect(s.band).toBe('Excellent');
    expect(s.dimensions).toEqual({
      findability: { points: 100, max: 100 }, accessibility: { points: 100, max: 100 }, interoperability: { points: 110, max: 110 },
      reusability: { points: 75, max: 75 }, contextuality: { points: 20, max: 20 },
    });
  });

  it('scores unchecked links as pending and broken links as zero', () => {
    const unchecked = scoreRecord(facts(FULL));
    expect(metric(unchecked, 'accessUrlStatus')).toMatchObject({ points: 0, pending: true });
    expect(unchecked.points).toBe(325);
    const broken = scoreRecord(facts(FULL, { 'https://ex.org/a1': false, 'https://ex.org/f1': true }));
    expect(metric(broken, 'accessUrlStatus')).toMatchObject({ points: 0, pending: false });
    expect(broken.points).toBe(355);
  });

  it('judges formats: proprietary and non-machine-readable formats lose their points', () => {
    const pdf = scoreRecord(facts(FULL.replace('ft:CSV', 'ft:PDF')));
    expect(metric(pdf, 'machineReadable').points).toBe(0);
    expect(metric(pdf, 'nonProprietary').points).toBe(20);
    const xlsx = scoreRecord(facts(FULL.replace('ft:CSV', 'ft:XLSX')));
    expect(metric(xlsx, 'nonProprietary').points).toBe(0);
    expect(metric(xlsx, 'machineReadable').points).toBe(20);
  });

  it('rolls distribution metrics up by share, any or all', () => {
    const two = FULL.replace('dcat:distribution ex:d1 .', 'dcat:distribution ex:d1, ex:d2 .') + '\nex:d2 dcat:accessURL ex:a2 .';
    expect(metric(scoreRecord(facts(two)), 'format').points).toBe(10);
    expect(metric(scoreRecord(facts(two), { rollUp: 'any' }), 'format').points).toBe(20);
    expect(metric(scoreRecord(facts(two), { rollUp: 'all' }), 'format').points).toBe(0);
  });

  it('takes DCAT-AP compliance from the validation status, and bands the total', () => {
    expect(metric(scoreRecord(facts(FULL, {}, 'non-conformant')), 'dcatApCompliance').points).toBe(0);
    expect(metric(scoreRecord(facts(FULL, {}, 'with-warnings')), 'dcatApCompliance').points).toBe(30);
    expect(scoreRecord(facts(`${P} ex:d a dcat:Dataset .`)).band).toBe('Bad');
    expect([mqaBand(351), mqaBand(350), mqaBand(221), mqaBand(220), mqaBand(121), mqaBand(120)])
      .toEqual(['Excellent', 'Good', 'Good', 'Sufficient', 'Sufficient', 'Bad']);
  });

  it('rescores a record whose validation status alone changed as scoring it in full would', () => {
    const links = { 'https://ex.org/a1': true, 'https://ex.org/f1': false };
    for (const ttl of [FULL, FULL.replace('ft:CSV', 'ft:PDF'), `${P} ex:d a dcat:Dataset ; dcat:keyword "k" .`]) {
      for (const [from, to] of [['conformant', 'non-conformant'], ['non-conformant', 'with-warnings'], ['with-warnings', 'conformant']] as const) {
        const restated = rescoreStatus(scoreRecord(facts(ttl, links, from)), to);
        expect(restated).toEqual(scoreRecord(facts(ttl, links, to)));
      }
    }
    expect(rescoreStatus(scoreRecord(facts(FULL)), 'non-conformant')!.points).toBe(325 - 30);
  });

  it('scores in full (undefined) a score kept from another metric set', () => {
    const s = scoreRecord(facts(FULL));
    expect(rescoreStatus({ ...s, metrics: s.metrics.filter((m) => m.id !== 'keyword') }, 'conformant')).toBeUndefined();
    expect(rescoreStatus({ ...s, metrics: s.metrics.map((m) => (m.id === 'theme' ? { ...m, max: 10 } : m)) }, 'conformant')).toBeUndefined();
  });
});
