// **qualitySchemas** describe the curator's quality dashboard API: MQA score distribution per feed and per publisher, trend over runs.
import { Type } from 'typebox';
import { problemResponse } from './problem.js';

const Bands = Type.Record(Type.String(), Type.Integer(), { description: 'records per MQA band (Excellent, Good, Sufficient, Bad)' });

export const RunQualitySchema = Type.Object({
  runId: Type.String(),
  at: Type.String({ description: 'when the run ended' }),
  records: Type.Integer({ description: 'scored records of the feed after the run' }),
  averagePoints: Type.Number(),
  bands: Bands,
});

export const QualityDashboardQuery = Type.Object({
  runs: Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'how many of each feed\'s last runs the trend holds' }),
}, { additionalProperties: false });

export const qualityDashboardResponses = {
  200: Type.Object({
    max: Type.Integer({ description: 'the most points a record can score' }),
    feeds: Type.Array(Type.Object({
      id: Type.String(), title: Type.String(), owner: Type.String({ description: 'the publisher: the name of the token that owns the feed' }),
      records: Type.Integer(), averagePoints: Type.Number(), bands: Bands,
      trend: Type.Array(RunQualitySchema, { description: 'the feed\'s quality as each recorded run left it, oldest first' }),
    })),
    publishers: Type.Array(Type.Object({
      owner: Type.String(), feeds: Type.Integer(), records: Type.Integer(),
      averagePoints: Type.Number({ description: 'over the publisher\'s scored records' }), bands: Bands,
    })),
  }),
  401: problemResponse('no or unknown bearer token'),
  403: problemResponse('the token is not a curator or admin token'),
  429: problemResponse('too many failed token attempts from this address'),
  404: problemResponse('this catalogue keeps no quality scores (CAT_ERR_NOT_FOUND)'),
} as const;
