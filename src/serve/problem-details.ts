// **problemDetails** is the one error handler: every failure leaves as application/problem+json with a stable code.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCatError } from '../core/errors.js';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  [extension: string]: unknown;
}

/** Maps any thrown value to a problem document; 5xx details are hidden unless the error is one of ours. */
export function toProblem(error: FastifyError | Error): Problem {
  const fe = error as FastifyError & { validation?: unknown };
  let status = fe.statusCode ?? 500;
  if (fe.validation !== undefined) status = 400;
  if (status < 400 || status > 599) status = 500;
  const ours = isCatError(error);
  let code = ours ? fe.code : status >= 500 ? 'CAT_ERR_INTERNAL' : `CAT_ERR_${fastifyCode(fe.code)}`;
  if (fe.validation !== undefined) code = 'CAT_ERR_BAD_REQUEST';
  // Unexpected 5xx messages may leak internals (paths, SQL); ours are written to be shown.
  const detail = status >= 500 && !ours ? 'An unexpected error occurred; it has been logged.' : fe.message;
  // Our errors may carry RFC 9457 extension members (e.g. a parse error's line and column).
  const extensions = ours ? (error as { extensions?: Record<string, unknown> }).extensions : undefined;
  return { ...extensions, type: 'about:blank', title: TITLES[status] ?? 'Error', status, code, detail };
}

function fastifyCode(code: string | undefined): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return 'BAD_REQUEST';
    default: return 'BAD_REQUEST';
  }
}

/**
 * For fastify's `frameworkErrors` option: errors raised before routing (a malformed URL, a path parameter over the
 * router's limit) leave as problem+json too, instead of fastify's own JSON.
 */
export function frameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(error);
  void reply.code(problem.status).type('application/problem+json').send(problem);
}

export function installProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (headers) void reply.headers(headers);
    void reply.code(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).type('application/problem+json').send({
      type: 'about:blank', title: 'Not Found', status: 404, code: 'CAT_ERR_NOT_FOUND',
      detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
    } satisfies Problem);
  });
}
