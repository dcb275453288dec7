// The DQV graph of a record's score, written as N-Triples text: what it states, and what it refuses to write.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { MQA_TOTAL, mqaMetric, qualityDqvText } from '../../src/quality/quality-dqv.js';
import { RecordFacts } from '../../src/quality/record-facts.js';
import { scoreRecord } from '../../src/quality/score-record.js';

const BASE = 'https://sheaf.test/graph/quality/f1/https%3A%2F%2Fd.example%2F1';
const DATASET = 'https://d.example/1';
const ttl = `<${DATASET}> a <${NS.dcat}Dataset> ; <${NS.dcat}keyword> "k" ; <${NS.dcat}distribution> <https://d.example/1/d> .
<https://d.example/1/d> <${NS.dcat}accessURL> <https://files.example/1> .`;
const score = scoreRecord(new RecordFacts({ quads: new Parser().parse(ttl), dataset: DATASET, validation: 'conformant', linkStatus: () => undefined }));

describe('qualityDqvText', () => {
  const quads = new Parser({ format: 'N-Triples' }).parse(qualityDqvText(score, { dataset: DATASET, base: BASE, at: '2026-12-06T10:00:00.000Z' }));
  const value = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);

  it('states the total, each dimension and each metric as a dqv:QualityMeasurement of the dataset, with its value', () => {
    const measurements = quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dqv}QualityMeasurement`).map((q) => q.subject.value);
    expect(measurements).toHaveLength(1 + Object.keys(score.dimensions).length + score.metrics.length);
    for (const m of measurements) expect(value(m, `${NS.dqv}computedOn`).map((t) => t.value)).toEqual([DATASET]);
    const total = quads.find((q) => q.predicate.value === `${NS.dqv}isMeasurementOf` && q.object.value === MQA_TOTAL)!.subject.value;
    expect(value(total, `${NS.dqv}value`)).toEqual([expect.objectContaining({ value: String(score.points), datatype: expect.objectContaining({ value: `${NS.xsd}decimal` }) })]);
    expect(value(total, `${NS.sheaf}band`).map((t) => t.value)).toEqual([score.band]);
    const pending = score.metrics.filter((m) => m.pending).map((m) => mqaMetric(m.id));
    expect(pending.length).toBeGreaterThan(0);
    const flagged = quads.filter((q) => q.predicate.value === `${NS.sheaf}pending`)
      .map((q) => value(q.subject.value, `${NS.dqv}isMeasurementOf`)[0]!.value);
    expect(flagged.sort()).toEqual(pending.sort());
  });

  it('stamps the graph once as dqv:QualityMetadata with the time it was computed', () => {
    expect(value(BASE, `${NS.rdf}type`).map((t) => t.value)).toEqual([`${NS.dqv}QualityMetadata`]);
    expect(value(BASE, `${NS.prov}generatedAtTime`).map((t) => t.value)).toEqual(['2026-12-06T10:00:00.000Z']);
    expect(quads.filter((q) => q.predicate.value === `${NS.prov}generatedAtTime`)).toHaveLength(1);
  });

  it('refuses IRIs and times that would not be valid N-Triples', () => {
    expect(() => qualityDqvText(score, { dataset: 'https://d.example/a b', base: BASE, at: '2026-12-06T10:00:00Z' })).toThrow(/not an absolute IRI/);
    expect(() => qualityDqvText(score, { dataset: DATASET, base: 'relative', at: '2026-12-06T10:00:00Z' })).toThrow(/not an absolute IRI/);
    expect(() => qualityDqvText(score, { dataset: DATASET, base: BASE, at: 'tomorrow" .' })).toThrow(/ISO instant/);
  });
});
