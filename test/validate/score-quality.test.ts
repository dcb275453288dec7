// MQA scoring of records: full marks, empty records, roll-up rules, link checks, bands and the DQV output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { qualityBand, scoreQuality } from '../../src/validate/score-quality.js';
import { qualityMeasurements } from '../../src/validate/quality-measurements.js';

const P = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
  @prefix ex: <http://example.org/> . @prefix ft: <http://publications.europa.eu/resource/authority/file-type/> .`;
const FULL = `${P}
ex:d a dcat:Dataset ; dcat:keyword "lung" ; dcat:theme ex:t ; dct:spatial ex:s ; dct:temporal ex:p ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
  dcat:contactPoint ex:c ; dct:publisher ex:org ; dcat:distribution ex:csv, ex:pdf .
ex:csv dcat:accessURL ex:a1 ; dcat:downloadURL ex:f1 ; dct:format ft:CSV ;
  dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> ;
  dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> ; dct:rights ex:r ;
  dcat:byteSize 10 ; dct:issued "2024-01-01" ; dct:modified "2024-02-01" .
ex:pdf dcat:accessURL ex:a2 ; dct:format ft:PDF .`;
const ALL_OK = new Map([['http://example.org/a1', 200], ['http://example.org/f1', 200], ['http://example.org/a2', 404]]);
const parse = (ttl: string) => parseRdf(ttl, { format: 'turtle' });

describe('scoreQuality', () => {
  it('gives 405 points when every metric is met (any-distribution roll-up)', async () => {
    const score = scoreQuality(await parse(FULL), { compliant: true, linkStatus: ALL_OK });
    expect(score.metrics.filter((m) => m.points < m.max)).toEqual([]);
    expect(score.total).toBe(405);
    expect(score.band).toBe('Excellent');
    expect(score.dimensions.interoperability).toEqual({ points: 110, max: 110 });
  });

  it('rolls distribution metrics up by share or by all', async () => {
    const share = scoreQuality(await parse(FULL), { compliant: true, linkStatus: ALL_OK, rollUp: 'share' });
    expect(share.metrics.find((m) => m.metric === 'licenceAvailability')!.points).toBe(10);
    expect(share.metrics.find((m) => m.metric === 'formatMediaTypeMachineInterpretable')!.points).toBe(10);
    const all = scoreQuality(await parse(FULL), { compliant: true, linkStatus: ALL_OK, rollUp: 'all' });
    expect(all.metrics.find((m) => m.metric === 'accessUrlStatusCode')!.points).toBe(0);
    expect(all.metrics.find((m) => m.metric === 'formatAvailability')!.points).toBe(20);
  });

  it('earns no accessibility status points for unchecked links and none for DCAT-AP compliance when not validated', async () => {
    const score = scoreQuality(await parse(FULL));
    expect(score.dimensions.accessibility.points).toBe(20);
    expect(score.metrics.find((m) => m.metric === 'dcatApCompliance')!.points).toBe(0);
  });

  it('scores a bare dataset as Bad', async () => {
    const score = scoreQuality(await parse(`${P} ex:d a dcat:Dataset ; dct:title "t" .`));
    expect(score.total).toBe(0);
    expect(score.band).toBe('Bad');
  });

  it('scores the EUCAIM conformant fixture', async () => {
    const quads = await parseRdf(readFileSync(join(import.meta.dirname, '../fixtures/records/eucaim-conformant.ttl'), 'utf8'), { format: 'turtle' });
    const score = scoreQuality(quads, { compliant: true });
    expect(score.total).toBeGreaterThan(100);
    expect(score.total).toBeLessThanOrEqual(405);
  });

  it.each([[405, 'Excellent'], [351, 'Excellent'], [350, 'Good'], [221, 'Good'], [220, 'Sufficient'], [121, 'Sufficient'], [120, 'Bad']] as const)(
    '%i points is %s', (points, band) => expect(qualityBand(points)).toBe(band));

  it('writes one dated DQV measurement per metric plus the total', async () => {
    const score = scoreQuality(await parse(FULL), { compliant: true, linkStatus: ALL_OK });
    const quads = qualityMeasurements(score, { generatedAt: new Date('2026-01-01T00:00:00Z') });
    const measurements = quads.filter((q) => q.object.value === 'http://www.w3.org/ns/dqv#QualityMeasurement');
    expect(measurements).toHaveLength(score.metrics.length + 1);
    const total = quads.find((q) => q.object.value === 'https://piveau.eu/ns/voc#score')!.subject;
    expect(quads.find((q) => q.subject.equals(total) && q.predicate.value === 'http://www.w3.org/ns/dqv#value')!.object.value).toBe('405');
  });
});
