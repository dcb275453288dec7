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

export function scoreRecord(facts: RecordFacts, options: { readonly rollUp?: RollUp } = {}): QualityScore {
  const rollUp = options.rollUp ?? 'share';
  const dimensions = {} as Record<Dimension, { points: number; max: number }>;
  const metrics = MQA_METRICS.map((m): MetricScore => {
    const { points, pending } = metricPoints(m, facts, rollUp);
    const dim = (dimensions[m.dimension] ??= { points: 0, max: 0 });
    dim.points += points;
    dim.max += m.points;
    return { id: m.id, dimension: m.dimension, points, max: m.points, pending };
  });
  const points = Math.round(metrics.reduce((n, m) => n + m.points, 0) * 100) / 100;
  return { points, max: MQA_MAX, band: mqaBand(points), dimensions, metrics };
}
