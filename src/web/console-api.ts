// **consoleApi** lets console pages act through the JSON API with the signed-in user's own token: one data path, one set of rights checks.
import type { FastifyInstance } from 'fastify';
import type { WebUser } from './web-session.js';

export interface ApiAnswer<T = any> {
  readonly status: number;
  readonly ok: boolean;
  /** The JSON body: the resource, or a problem document (`detail`, `code`) when not ok. */
  readonly body: T;
}

/**
 * Every console action is the API request a script would send, made in-process with the user's token as bearer:
 * the route validates the input, checks the rights by the token's identity, and answers exactly as it answers curl.
 */
export async function callApi<T = any>(app: FastifyInstance, user: WebUser | undefined, request: {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly json?: unknown;
  readonly text?: { readonly body: string; readonly type: string };
}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (user) headers.authorization = `Bearer ${user.token}`;
  let payload: string | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(request.json);
  } else if (request.text !== undefined) {
    headers['content-type'] = request.text.type;
    payload = request.text.body;
  }
  const res = await app.inject({ method: request.method ?? 'GET', url: request.url, headers, ...(payload !== undefined && { payload }) });
  let body: unknown;
  try {
    body = res.body === '' ? undefined : JSON.parse(res.body);
  } catch {
    body = { detail: res.body };
  }
  return { status: res.statusCode, ok: res.statusCode < 400, body: body as T };
}

/** The message of a problem document, for showing beside a form field. */
export const problemText = (answer: ApiAnswer): string => String((answer.body as { detail?: string } | undefined)?.detail ?? `HTTP ${answer.status}`);
