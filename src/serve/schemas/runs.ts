// **runSchemas** describe the runs routes: start a harvest, run summaries, and the publisher's per-record report.
import { Type, type Static } from 'typebox';
import type { RunSummary } from '../../pipeline/run-summary.js';
import { problemResponse } from './problem.js';

const Counts = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  withdrawn: Type.Integer(),
  invalid: Type.Integer(),
  failed: Type.Integer(),
});

const Problem = Type.Object({
  url: Type.String(),
  stage: Type.String({ description: 'fetch, parse, paging, split, map, normalise, limit, validate, store, withdraw or run' }),
  message: Type.String(),
  key: Type.Optional(Type.String()),
});

export const RunSchema = Type.Object({
  id: Type.String(),
  feedId: Type.String(),
  status: Type.String({ description: 'queued, running, succeeded, partial, failed, held or interrupted' }),
  reason: Type.Optional(Type.String()),
  mode: Type.String(),
  complete: Type.Boolean({ description: 'every page was gathered; only then are vanished records withdrawn' }),
  queuedAt: Type.String(),
  startedAt: Type.Optional(Type.String()),
  heartbeatAt: Type.Optional(Type.String()),
  finishedAt: Type.Optional(Type.String()),
  pages: Type.Integer(),
  notModifiedPages: Type.Integer(),
  records: Type.Integer(),
  counts: Counts,
  heldWithdrawals: Type.Integer(),
  errors: Type.Array(Problem),
  warnings: Type.Array(Problem),
  duplicates: Type.Array(Type.Object({ key: Type.String(), datasetIri: Type.String(), otherFeed: Type.String(), otherKey: Type.String() })),
});

export const RunIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) });

export const RunsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) });

export const ReportQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  validation: Type.Optional(Type.Union([Type.Literal('conformant'), Type.Literal('with-warnings'), Type.Literal('non-conformant')])),
  run: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$', description: 'only the records this run created, updated or withdrew (and no later run changed since); totals count those records' })),
});

const ResultRow = Type.Object({
  severity: Type.String(),
  message: Type.Optional(Type.String()),
  path: Type.Optional(Type.String()),
  focusNode: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
});

const RecordReport = Type.Object({
  key: Type.String(),
  datasetIri: Type.String(),
  state: Type.String({ description: 'active, quarantined or withdrawn' }),
  validation: Type.String({ description: 'conformant, with-warnings or non-conformant' }),
  conformance: Type.Number({ description: '1 / (1 + violations + warnings / 4): 1 for a conformant record, falling with each problem' }),
  quality: Type.Optional(Type.Object({
    points: Type.Number(), max: Type.Number(), band: Type.String({ description: 'MQA band: Excellent, Good, Sufficient or Bad' }), computedAt: Type.String(),
    raise: Type.Optional(Type.Array(Type.Object({
      metric: Type.String({ description: 'MQA metric id (keyword, licence, accessUrlStatus…)' }), dimension: Type.String(),
      points: Type.Number({ description: 'points the record would gain with this metric met' }),
      pending: Type.Boolean({ description: 'the metric waits for a link check, not for a change to the record' }),
    }), { description: 'metrics short of their maximum, most points to gain first: what would raise the score' })),
  }, { description: 'data.europa.eu MQA score of the record, when the quality service scored it' })),
  counts: Type.Object({ violations: Type.Integer(), warnings: Type.Integer(), infos: Type.Integer() }),
  results: Type.Array(ResultRow),
  pageUrl: Type.String(),
  alsoIn: Type.Array(Type.Object({ feedId: Type.String(), key: Type.String() }), {
    description: 'the same dataset harvested by other feeds: both records are kept and linked',
  }),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  lastChanged: Type.String(),
  withdrawnAt: Type.Optional(Type.String()),
});

export const FeedReportSchema = Type.Object({
  feed: Type.Object({ id: Type.String(), title: Type.String(), profile: Type.String(), policy: Type.String() }),
  lastRun: Type.Optional(RunSchema),
  totals: Type.Object({
    records: Type.Integer(),
    active: Type.Integer(),
    quarantined: Type.Integer(),
    withdrawn: Type.Integer(),
    conformant: Type.Integer(),
    withWarnings: Type.Integer(),
    nonConformant: Type.Integer(),
    meanConformance: Type.Number({ description: 'mean conformance of the records on this page' }),
  }),
  quality: Type.Optional(Type.Object({
    records: Type.Integer(), averagePoints: Type.Number(), max: Type.Number(), bands: Type.Record(Type.String(), Type.Integer()),
  }, { description: "the feed's MQA summary over all its scored records" })),
  limit: Type.Integer(),
  offset: Type.Integer(),
  records: Type.Array(RecordReport),
});

export const StartedRunSchema = Type.Object({
  runId: Type.String(),
  status: Type.String(),
  href: Type.String({ description: 'poll this for the run summary' }),
});

export const startHarvestResponses = {
  202: StartedRunSchema,
  401: problemResponse('no or unknown bearer token'),
  403: problemResponse('publishers may harvest only their own feeds'),
  404: problemResponse('no such feed'),
  409: problemResponse('the feed already has a run queued or running'),
} as const;

export const confirmRunResponses = {
  200: RunSchema,
  401: problemResponse('no or unknown bearer token'),
  403: problemResponse('confirming withdrawals needs the curator role'),
  404: problemResponse('no such run'),
  409: problemResponse('the run is not held'),
} as const;

export const feedRunsResponses = { 200: Type.Object({ runs: Type.Array(RunSchema) }), 404: problemResponse('no such feed') } as const;
export const runResponses = { 200: RunSchema, 404: problemResponse('no such run') } as const;
export const reportResponses = { 200: FeedReportSchema, 404: problemResponse('no such feed') } as const;

/** A run summary as the response schema types it (the same shape, with readonly arrays). */
export const runView = (summary: RunSummary): Static<typeof RunSchema> => summary as unknown as Static<typeof RunSchema>;
