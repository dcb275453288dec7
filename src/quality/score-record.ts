// **scoreRecord** applies the MQA metrics to one record: points per metric and dimension, total and band.
import { MQA_MAX, MQA_METRICS, mqaBand, type Dimension, type Metric, type RollUp } from './mqa-metrics.js';
import type { RecordFacts } from './record-facts.js';

export interface MetricScore {
  readonly id: string;
  readonly dimension: Dimension;
  readonly points: number;
  readonly max: number;
  /** Some input is not known yet (a link not checked): the metric scores 0 until it is. */
  readonly pending: boolean;
}

export interface QualityScore {
  readonly points: number;
  readonly max: number;
  readonly band: ReturnType<typeof mqaBand>;
  readonly dimensions: Readonly<Record<Dimension, { readonly points: number; readonly max: number }>>;
  readonly metrics: readonly MetricScore[];
}

function metricPoints(metric: Metric, facts: RecordFacts, rollUp: RollUp): { points: number; pending: boolean } {
  if (metric.level === 'dataset') {
    const ok = metric.test(facts);
    return { points: ok === true ? metric.points : 0, pending: ok === undefined };
  }
  const answers = facts.distributions.map((d) => metric.test(facts, d));
  if (answers.length === 0) return { points: 0, pending: false };
  const yes = answers.filter((a) => a === true).length;
  const pending = answers.some((a) => a === undefined);
  const share = rollUp === 'any' ? (yes > 0 ? 1 : 0) : rollUp === 'all' ? (yes === answers.length ? 1 : 0) : yes / answers.length;
  return { points: Math.round(metric.points * share * 100) / 100, pending };
}

function metricScore(m: Metric, facts: RecordFacts, rollUp: RollUp): MetricScore {
  const { points, pending } = metricPoints(m, facts, rollUp);
  return { id: m.id, dimension: m.dimension, points, max: m.points, pending };
}

export function scoreRecord(facts: RecordFacts, options: { readonly rollUp?: RollUp } = {}): QualityScore {
  const rollUp = options.rollUp ?? 'share';
  return totalled(MQA_METRICS.map((m) => metricScore(m, facts, rollUp)));
}

/**
 * `previous` with the metrics that read only the validation status scored again for `validation`; undefined when
 * `previous` was scored under another metric set (then the record is scored in full). An ontology version changes
 * the status of tens of thousands of records and nothing else about them: this spares reading their triples.
 */
export function rescoreStatus(previous: QualityScore, validation: string): QualityScore | undefined {
  const before = new Map(previous.metrics.map((m) => [m.id, m]));
  if (before.size !== MQA_METRICS.length || MQA_METRICS.some((m) => before.get(m.id)?.max !== m.points)) return undefined;
  const status = { validation } as RecordFacts;
  return totalled(MQA_METRICS.map((m) => (m.statusOnly === true ? metricScore(m, status, 'share') : before.get(m.id)!)));
}

function totalled(metrics: MetricScore[]): QualityScore {
  const dimensions = {} as Record<Dimension, { points: number; max: number }>;
  for (const m of metrics) {
    const dim = (dimensions[m.dimension] ??= { points: 0, max: 0 });
    dim.points += m.points;
    dim.max += m.max;
  }
  const points = Math.round(metrics.reduce((n, m) => n + m.points, 0) * 100) / 100;
  return { points, max: MQA_MAX, band: mqaBand(points), dimensions, metrics };
}
