// **qualityMeasurements** writes a quality score as DQV: one dqv:QualityMeasurement per MQA metric, plus the total.
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { PV } from './mqa-metrics.js';
import type { QualityScore } from './score-quality.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

export interface QualityMeasurementOptions {
  /** When the score was computed; stored as prov:generatedAtTime so results are dated. */
  readonly generatedAt: Date;
}

/** Measurements hang off the dataset IRI (dqv:hasQualityMeasurement), the way data.europa.eu publishes them. */
export function qualityMeasurements(score: QualityScore, opts: QualityMeasurementOptions): Quad[] {
  const dataset = namedNode(score.dataset);
  const at = literal(opts.generatedAt.toISOString(), namedNode(`${NS.xsd}dateTime`));
  const out: Quad[] = [];
  const measure = (metric: string, value: Quad['object']) => {
    const m = blankNode();
    out.push(
      quad(dataset, namedNode(`${NS.dqv}hasQualityMeasurement`), m),
      quad(m, namedNode(`${NS.rdf}type`), namedNode(`${NS.dqv}QualityMeasurement`)),
      quad(m, namedNode(`${NS.dqv}computedOn`), dataset),
      quad(m, namedNode(`${NS.dqv}isMeasurementOf`), namedNode(PV + metric)),
      quad(m, namedNode(`${NS.dqv}value`), value),
      quad(m, namedNode(`${NS.prov}generatedAtTime`), at),
    );
  };
  for (const m of score.metrics) measure(m.metric, literal(String(m.points), namedNode(`${NS.xsd}decimal`)));
  measure('score', literal(String(score.total), namedNode(`${NS.xsd}decimal`)));
  return out;
}
