// **consoleHome** is `/console`: the signed-in publisher's feeds and the form to register one (checked before it is saved).
import type { Children } from '@kitajs/html';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { roleSatisfies } from '../core/roles.js';
import { harvesters } from '../../harvesters/index.js';
import { probeFeed } from '../pipeline/probe-feed.js';
import { callApi, problemText } from './console-api.js';
import { Layout } from './layout.js';
import { S } from './strings.js';
import { csrfToken, type WebUser } from './web-session.js';

/** The registered protocols, in registry order (a new harvester appears in the form by itself). */
const PROTOCOLS = [...harvesters.keys()];

export interface FeedRow {
  readonly id: string; readonly title: string; readonly url: string; readonly protocol: string; readonly owner: string;
  readonly ownerToken?: string;
  readonly schedule: string; readonly profile: string; readonly nextRun?: string; readonly activeRun?: string;
}

/** What the register form was given back, with a message per field and the probe's verdict. */
interface RegisterForm {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly verdict?: string;
}

export const layoutUser = (user: WebUser, reply: FastifyReply) => ({ name: user.principal.name, role: user.principal.role, csrf: csrfToken(reply) });

/** A publisher's own feeds: owned by its token's identity (never its name). Curators and admins see every feed. */
export const ownsFeed = (user: WebUser, feed: { readonly ownerToken?: string }): boolean =>
  user.principal.tokenId !== undefined && feed.ownerToken === user.principal.tokenId;

export const sendPage = (reply: FastifyReply, body: string, status = 200): FastifyReply =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

function Field({ name, label, hint, form, children }: {
  name: string; label: string; hint?: string; form: RegisterForm; children?: Children;
}): JSX.Element {
  const error = form.errors[name];
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      {children !== undefined ? children : <input id={name} name={name} type="text" value={form.values[name] ?? ''}
        aria-describedby={described || undefined} aria-invalid={error ? 'true' : undefined} />}
      {hint ? <span id={`${name}-hint`} class="hint" safe>{hint}</span> : ''}
      {error ? <span id={`${name}-error`} class="field-error" safe>{error}</span> : ''}
    </div>
  );
}

function renderHome(opts: { user: WebUser; reply: FastifyReply; feeds: readonly FeedRow[]; profiles: readonly string[]; form: RegisterForm }): string {
  const { user, form } = opts;
  const curator = roleSatisfies(user.principal.role, 'curator');
  const feeds = curator ? opts.feeds : opts.feeds.filter((f) => ownsFeed(user, f));
  return (
    <Layout title={S.console.title} current="console" user={layoutUser(user, opts.reply)}>
      <h1>{S.console.title}</h1>
      <ul class="console-links">
        {curator ? <li><a href="/console/curator">{S.console.curator}</a></li> : ''}
        {curator ? <li><a href="/console/quality">{S.quality.title}</a></li> : ''}
        <li><a href="/console/validate">{S.validate.title}</a></li>
      </ul>
      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">{curator ? S.console.allFeeds : S.console.myFeeds}</h2>
        {feeds.length === 0 ? <p>{S.console.noFeeds}</p> : (
          <div class="table-wrap"><table id="feeds">
            <thead><tr><th scope="col">{S.console.feed}</th><th scope="col">{S.console.protocol}</th><th scope="col">{S.console.owner}</th><th scope="col">{S.console.nextRun}</th></tr></thead>
            <tbody>{feeds.map((f) => (
              <tr>
                <td><a href={`/console/feeds/${f.id}`} safe>{f.title}</a>{f.activeRun ? <span class="tag">{S.console.running}</span> : ''}</td>
                <td safe>{f.protocol}</td><td safe>{f.owner}</td><td safe>{f.nextRun?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </section>
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">{S.console.register}</h2>
        {form.verdict ? <p class="notice ok" role="status" id="verdict" safe>{form.verdict}</p> : ''}
        <form method="post" action="/console/feeds" class="stacked" id="register">
          <input type="hidden" name="_csrf" value={csrfToken(opts.reply)} />
          <Field name="url" label={S.console.url} hint={S.console.urlHint} form={form} />
          <Field name="title" label={S.console.feedTitle} hint={S.console.titleHint} form={form} />
          <Field name="protocol" label={S.console.protocol} form={form}>
            <select id="protocol" name="protocol">
              <option value="">{S.console.protocolAuto}</option>
              {PROTOCOLS.map((p) => <option value={p} selected={form.values.protocol === p} safe>{p}</option>)}
            </select>
          </Field>
          <Field name="schedule" label={S.console.schedule} hint={S.console.scheduleHint} form={form} />
          <Field name="profile" label={S.console.profile} form={form}>
            <select id="profile" name="profile">
              {opts.profiles.map((p) => <option value={p} selected={form.values.profile === p} safe>{p}</option>)}
            </select>
          </Field>
          <p class="actions">
            <button type="submit" name="action" value="check" class="secondary">{S.console.check}</button>{' '}
            <button type="submit" name="action" value="register">{S.console.save}</button>
          </p>
        </form>
      </section>
    </Layout>
  ) as string;
}

/** Which form field an API refusal is about, from its message (the API names the field it refuses). */
function fieldOf(detail: string): string {
  if (/schedule|cron/i.test(detail)) return 'schedule';
  if (/profile/i.test(detail)) return 'profile';
  if (/protocol/i.test(detail) && !/URL/.test(detail)) return 'protocol';
  if (/title/i.test(detail)) return 'title';
  return 'url';
}

async function feedsOf(app: FastifyInstance, user: WebUser): Promise<FeedRow[]> {
  return (await callApi<{ feeds: FeedRow[] }>(app, user, { url: '/api/feeds' })).body.feeds;
}

const registerBody = {
  type: 'object',
  properties: Object.fromEntries(['url', 'title', 'protocol', 'schedule', 'profile', 'action', '_csrf'].map((k) => [k, { type: 'string', maxLength: 2000 }])),
} as const;

export const consoleHome: FastifyPluginAsync = async (app) => {
  const { profiles } = app.pipeline;
  const page = async (user: WebUser, reply: FastifyReply, form: RegisterForm, status = 200) =>
    sendPage(reply, renderHome({ user, reply, feeds: await feedsOf(app, user), profiles: profiles.names, form }), status);

  app.get('/console', { schema: { hide: true } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    return page(user, reply, { values: { profile: profiles.default }, errors: {} });
  });

  app.post<{ Body: Record<string, string | undefined> }>('/console/feeds', {
    schema: { hide: true, body: registerBody }, preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const values = Object.fromEntries(Object.entries(request.body).filter(([k, v]) => k !== '_csrf' && v !== undefined).map(([k, v]) => [k, v!.trim()]));
    if ((values.url ?? '') === '') return page(user, reply, { values, errors: { url: 'Enter the address of the source.' } }, 400);
    if (values.action === 'check') {
      // The same probe the API runs at registration, without saving: what the source answers as, before committing to it.
      try {
        const found = await probeFeed({ fetcher: app.pipeline.probeFetcher, url: values.url!, ...(values.protocol && { protocol: values.protocol }) });
        return page(user, reply, { values: { ...values, protocol: found.protocol }, errors: {}, verdict: S.console.verdict(found.protocol, found.probedUrl) });
      } catch (error) {
        return page(user, reply, { values, errors: { url: (error as Error).message } }, 400);
      }
    }
    const json = {
      url: values.url,
      ...(values.title && { title: values.title }),
      ...(values.protocol && { protocol: values.protocol }),
      ...(values.schedule && { schedule: values.schedule }),
      ...(values.profile && { profile: values.profile }),
    };
    const made = await callApi<FeedRow>(app, user, { method: 'POST', url: '/api/feeds', json });
    if (!made.ok) {
      const detail = problemText(made);
      return page(user, reply, { values, errors: { [fieldOf(detail)]: detail } }, made.status === 403 ? 403 : 400);
    }
    request.session.set('flash', S.console.registered(made.body.protocol));
    return reply.redirect(`/console/feeds/${made.body.id}`, 303);
  });
};
