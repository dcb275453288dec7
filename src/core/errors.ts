// **errors** declares every error sheaf reports, once, with a stable code and an HTTP status.
import createError from '@fastify/error';

// Each entry is a constructor: `throw new CatErrors.BAD_QUERY('line 3, column 7: expected "}"')`.
// Codes are part of the public contract: clients match on them, so never rename one.
export const CatErrors = {
  BAD_REQUEST: createError('CAT_ERR_BAD_REQUEST', 'Bad request: %s', 400),
  BAD_QUERY: createError('CAT_ERR_BAD_QUERY', 'Malformed SPARQL: %s', 400),
  SERVICE_NOT_ALLOWED: createError('CAT_ERR_SERVICE_NOT_ALLOWED', 'SERVICE not allowed: %s', 400),
  BAD_RDF: createError('CAT_ERR_BAD_RDF', 'Malformed RDF: %s', 400),
  UNAUTHORIZED: createError('CAT_ERR_UNAUTHORIZED', 'Authentication required: %s', 401),
  FORBIDDEN: createError('CAT_ERR_FORBIDDEN', 'Forbidden: %s', 403),
  NOT_FOUND: createError('CAT_ERR_NOT_FOUND', 'Not found: %s', 404),
  METHOD_NOT_ALLOWED: createError('CAT_ERR_METHOD_NOT_ALLOWED', 'Method not allowed: %s', 405),
  NOT_ACCEPTABLE: createError('CAT_ERR_NOT_ACCEPTABLE', 'None of the acceptable media types can be produced: %s', 406),
  /** A publisher tried to set a feed's safety guard (the mass-withdrawal share): curators and admins set those. */
  GUARD_SETTING_FORBIDDEN: createError('CAT_ERR_GUARD_SETTING_FORBIDDEN', 'Forbidden: %s', 403),
  CONFLICT: createError('CAT_ERR_CONFLICT', 'Conflict: %s', 409),
  TOKEN_NAME_TAKEN: createError('CAT_ERR_TOKEN_NAME_TAKEN', 'Token name taken: %s', 409),
  GONE: createError('CAT_ERR_GONE', 'Gone: %s', 410),
  PAYLOAD_TOO_LARGE: createError('CAT_ERR_PAYLOAD_TOO_LARGE', 'Payload too large: %s', 413),
  UNSUPPORTED_MEDIA_TYPE: createError('CAT_ERR_UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type: %s', 415),
  /** An RDF document loaded as an ontology version that declares no owl:Ontology (so no series it could version). */
  NOT_AN_ONTOLOGY: createError('CAT_ERR_NOT_AN_ONTOLOGY', 'Not an ontology: %s', 422),
  RATE_LIMITED: createError('CAT_ERR_RATE_LIMITED', 'Too many requests: %s', 429),
  QUERY_TIMEOUT: createError('CAT_ERR_QUERY_TIMEOUT', 'Query exceeded its time limit of %s ms', 503),
  RESULT_TOO_LARGE: createError('CAT_ERR_RESULT_TOO_LARGE', 'Result exceeds the cap of %s rows; add a LIMIT or narrow the query', 400),
  STORE_UNAVAILABLE: createError('CAT_ERR_STORE_UNAVAILABLE', 'The RDF store is unavailable: %s', 503),
  STORE_CORRUPT: createError('CAT_ERR_STORE_CORRUPT', 'The data directory cannot be used: %s', 500),
  FETCH_REFUSED: createError('CAT_ERR_FETCH_REFUSED', 'Fetch refused: %s', 400),
  FETCH_FAILED: createError('CAT_ERR_FETCH_FAILED', 'Fetch failed: %s', 502),
  FEED_UNREACHABLE: createError('CAT_ERR_FEED_UNREACHABLE', 'The feed URL did not answer: %s', 400),
  FEED_UNKNOWN_FORMAT: createError('CAT_ERR_FEED_UNKNOWN_FORMAT', 'The feed URL answers in no harvestable format: %s', 400),
  INTERNAL: createError('CAT_ERR_INTERNAL', 'Internal error: %s', 500),
} as const;

export type CatErrorCode = (typeof CatErrors)[keyof typeof CatErrors]['prototype']['code'];

/** True for errors created from {@link CatErrors}; they carry `code` and `statusCode`. */
export function isCatError(error: unknown): error is Error & { code: string; statusCode: number } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('CAT_ERR_');
}
