// **ProblemSchema** is the RFC 9457 problem document every error response carries (see problem-details.ts).
import { Type } from 'typebox';

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'stable CAT_ERR_* code; clients match on it' }),
  detail: Type.Optional(Type.String()),
}, { additionalProperties: true });

/** The same schema under the problem+json media type, for response maps. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
