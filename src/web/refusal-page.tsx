// **webErrorHandler** answers the console's refusals as pages: the sign-in redirect, a 403 for a forged cookie, a missing CSRF token or a low role.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from './layout.js';
import { S } from './strings.js';
import { SESSION_COOKIE, WebRefusal } from './web-session.js';

const CSRF_CODES = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

function refusalPage(message: string, title: string = S.errors.forbidden): string {
  return (
    <Layout title={title}>
      <h1 safe>{title}</h1>
      <p class="notice" safe>{message}</p>
      <p><a href="/sign-in">{S.signIn.title}</a> · <a href="/">{S.nav.discover}</a></p>
    </Layout>
  ) as string;
}

/**
 * Browser-facing refusals become pages; every other error is passed on (rethrown) to the application's
 * problem+json handler, so the console and the API report failures the same way.
 */
export async function webErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (error instanceof WebRefusal) {
    if (error.status === 303) return reply.redirect(error.location!, 303);
    const message = error.message === 'forged' ? S.errors.forged : S.errors.role(error.message);
    if (error.message === 'forged') void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(403).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(refusalPage(message));
  }
  if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
    return reply.code(413).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(refusalPage(S.console.tooLarge, S.errors.tooLarge));
  }
  if (CSRF_CODES.has(error.code)) {
    return reply.code(403).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(refusalPage(S.errors.csrf));
  }
  throw error;
}
