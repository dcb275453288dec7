// **healthSchemas** describe liveness (`/health`) and readiness (`/health/ready`).
import { problemResponse } from './problem.js';

export const livenessResponse = {
  200: {
    type: 'object',
    description: 'the process is up and its event loop turns; answered without asking the store anything',
    properties: { status: { type: 'string', enum: ['ok'] }, store: { type: 'string', enum: ['embedded', 'sparql'] } },
    required: ['status', 'store'],
  },
} as const;

export const readinessResponse = {
  200: {
    type: 'object',
    description: 'the store answers queries now',
    properties: {
      status: { type: 'string', enum: ['ready'] },
      store: { type: 'string', enum: ['embedded', 'sparql'] },
      detail: { type: 'string' },
      index: { type: 'object', additionalProperties: { type: 'integer' }, description: 'embedded store: index replicas live, loading, queued queries, rebuilds' },
    },
    required: ['status', 'store'],
  },
  503: problemResponse('the store cannot answer queries now (CAT_ERR_STORE_UNAVAILABLE): starting, rebuilding its index, or unreachable'),
} as const;
