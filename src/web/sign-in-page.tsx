// **signInPages** are `/sign-in` (paste an API token once) and `/sign-out`, both forms with CSRF tokens.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Layout } from './layout.js';
import { S } from './strings.js';
import { csrfToken } from './web-session.js';

/** Only a path on this site may be returned to after sign-in (never `//host` or another origin). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length <= 2000 ? next : '/console';
}

function renderSignIn(opts: { csrf: string; next: string; error?: string; notice?: string }): string {
  return (
    <Layout title={S.signIn.title} current="console">
      <h1>{S.signIn.title}</h1>
      {opts.notice ? <p class="notice" role="status" safe>{opts.notice}</p> : ''}
      <p>{S.signIn.intro}</p>
      <form method="post" action="/sign-in" class="stacked">
        <input type="hidden" name="_csrf" value={opts.csrf} />
        <input type="hidden" name="next" value={opts.next} />
        <label for="token">{S.signIn.token}</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" size="60" required
          aria-describedby={opts.error ? 'token-hint token-error' : 'token-hint'} aria-invalid={opts.error ? 'true' : undefined} />
        <span id="token-hint" class="hint">{S.signIn.tokenHint}</span>
        {opts.error ? <span id="token-error" class="field-error" safe>{opts.error}</span> : ''}
        <p><button type="submit">{S.signIn.submit}</button></p>
      </form>
    </Layout>
  ) as string;
}

const html = (reply: FastifyReply, body: string): FastifyReply => reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

export const signInPages: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { next?: string } }>('/sign-in', {
    schema: { hide: true, querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 2000 } } } },
  }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (await app.webUser(request)) return reply.redirect(next, 303);
    const notice = request.session.get('notice');
    if (notice !== undefined) request.session.set('notice', undefined);
    return html(reply, renderSignIn({ csrf: csrfToken(reply), next, ...(notice && { notice: S.signIn.notices[notice] ?? '' }) }));
  });

  app.post<{ Body: { token?: string; next?: string } }>('/sign-in', {
    schema: {
      hide: true,
      body: { type: 'object', properties: { token: { type: 'string', maxLength: 500 }, next: { type: 'string', maxLength: 2000 }, _csrf: { type: 'string' } } },
    },
    preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const next = safeNext(request.body.next);
    // People paste what the docs show: `Bearer sheaf_…`, with stray spaces or a line break.
    const token = (request.body.token ?? '').trim().replace(/^Bearer\s+/i, '');
    const refuse = (error: string) => html(reply.code(400), renderSignIn({ csrf: csrfToken(reply), next, error }));
    if (token === '') return refuse(S.signIn.empty);
    const principal = await app.verifyToken(token);
    if (principal === undefined) {
      request.log.info({ ip: request.ip }, 'web sign-in refused: unknown token');
      return refuse(S.signIn.unknown);
    }
    // A new session id at sign-in: an id planted before it (session fixation) never becomes a signed-in one.
    await request.session.regenerate();
    request.session.set('token', token);
    request.log.info({ principal: principal.name, role: principal.role }, 'web sign-in');
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    await request.session.regenerate();
    request.session.set('notice', 'signedOut');
    return reply.redirect('/sign-in', 303);
  });
};
