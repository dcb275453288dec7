// **validation schemas**: the TypeBox shapes of POST /api/validate (query, JSON report, errors).
import { Type } from 'typebox';
import { problemResponse } from './problem.js';

export const ValidateQuery = Type.Object({
  profile: Type.Optional(Type.String({ description: 'profile name from shapes/profiles.json; default: the manifest default' })),
  raw: Type.Optional(Type.Boolean({ description: 'true: validate the document as written, without the normalisation a harvest applies' })),
}, { additionalProperties: false });

const ResultRowSchema = Type.Object({
  severity: Type.Union([Type.Literal('Violation'), Type.Literal('Warning'), Type.Literal('Info')]),
  focusNode: Type.String(),
  path: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  message: Type.String(),
  sourceShape: Type.String(),
  sourceConstraintComponent: Type.String(),
});

export const ValidationReportSchema = Type.Object({
  profile: Type.String(),
  conforms: Type.Boolean(),
  status: Type.Union([Type.Literal('conformant'), Type.Literal('with-warnings'), Type.Literal('non-conformant')]),
  counts: Type.Object({ violations: Type.Integer(), warnings: Type.Integer(), infos: Type.Integer() }),
  quadCount: Type.Integer(),
  results: Type.Array(ResultRowSchema),
});

export const validateResponses = {
  200: {
    description: 'the validation report: JSON summary by default, the sh:ValidationReport graph for RDF Accept types',
    content: {
      'application/json': { schema: ValidationReportSchema },
      'text/turtle': { schema: Type.String() },
    },
  },
  400: problemResponse('malformed RDF, an empty document or an unknown profile'),
  406: problemResponse('no acceptable report format'),
  413: problemResponse('document larger than the body limit'),
  415: problemResponse('not an RDF media type sheaf reads'),
} as const;
