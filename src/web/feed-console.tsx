// **feedConsole** is `/console/feeds/{id}`: one feed's settings, schedule edit, "harvest now", run history and report.
import type { FastifyPluginAsync } from 'fastify';
import { callApi, problemText } from './console-api.js';
import { layoutUser, ownsFeed, sendPage, type FeedRow } from './console-home.js';
import { Layout } from './layout.js';
import { FeedReport, reportGroups, type ReportBody } from './feed-report-view.js';
import { S } from './strings.js';
import { takeFlash, type WebUser } from './web-session.js';
import { roleSatisfies } from '../core/roles.js';

export interface RunRow {
  readonly id: string; readonly feedId: string; readonly status: string; readonly reason?: string; readonly mode: string;
  readonly queuedAt: string; readonly startedAt?: string; readonly finishedAt?: string; readonly pages: number; readonly records: number;
  readonly counts: Readonly<Record<'created' | 'updated' | 'unchanged' | 'withdrawn' | 'invalid' | 'failed', number>>;
  readonly heldWithdrawals: number;
  readonly errors: ReadonlyArray<{ url: string; stage: string; message: string; key?: string }>;
  readonly warnings: ReadonlyArray<{ url: string; stage: string; message: string; key?: string }>;
}

const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,47}$' } }, required: ['id'] } as const;
const when = (iso?: string): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '—');

export const RunStatus = ({ status }: { status: string }): JSX.Element => <span class={`status run-${status}`} safe>{status}</span>;

/** May this user act on the feed? The API decides again on every action; this only chooses which forms to offer. */
const mayChange = (user: WebUser, feed: FeedRow): boolean => roleSatisfies(user.principal.role, 'curator') || ownsFeed(user, feed);

export const feedConsole: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>('/console/feeds/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const feed = await callApi<FeedRow>(app, user, { url: `/api/feeds/${request.params.id}` });
    if (!feed.ok) return sendPage(reply, (<Layout title={S.errors.notFound} user={layoutUser(user, reply)}><h1>{S.errors.notFound}</h1><p safe>{problemText(feed)}</p></Layout>) as string, feed.status);
    const f = feed.body;
    const runs = (await callApi<{ runs: RunRow[] }>(app, user, { url: `/api/feeds/${f.id}/runs?limit=20` })).body.runs;
    const report = (await callApi<ReportBody>(app, user, { url: `/api/feeds/${f.id}/report?limit=1000` })).body;
    const groups = await reportGroups(app, report);
    const flash = takeFlash(request);
    const csrf = layoutUser(user, reply);
    const page = (
      <Layout title={f.title} current="console" user={csrf}>
        <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/console">{S.console.title}</a></li><li safe>{f.title}</li></ol></nav>
        <h1 safe>{f.title}</h1>
        {flash ? <p class="notice" role="status" safe>{flash}</p> : ''}
        <dl class="fields">
          <dt>{S.console.url}</dt><dd><code safe>{f.url}</code></dd>
          <dt>{S.console.protocol}</dt><dd safe>{f.protocol}</dd>
          <dt>{S.console.owner}</dt><dd safe>{f.owner}</dd>
          <dt>{S.console.profile}</dt><dd safe>{f.profile}</dd>
          <dt>{S.console.nextRun}</dt><dd safe>{when(f.nextRun)}</dd>
        </dl>
        {mayChange(user, f) ? (
          <div class="console-actions">
            <form method="post" action={`/console/feeds/${f.id}/harvest`}>
              <input type="hidden" name="_csrf" value={csrf.csrf} />
              {f.activeRun ? <p><a href={`/console/runs/${f.activeRun}`}>{S.console.running}</a></p> : ''}
              <button type="submit" id="harvest-now">{S.console.harvestNow}</button>
            </form>
            <form method="post" action={`/console/feeds/${f.id}/schedule`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrf.csrf} />
              <label for="schedule">{S.console.schedule}</label>{' '}
              <input id="schedule" name="schedule" type="text" value={f.schedule} aria-describedby="schedule-hint" />{' '}
              <button type="submit" class="secondary">{S.console.saveSchedule}</button>
              <span id="schedule-hint" class="hint">{S.console.scheduleHint}</span>
            </form>
          </div>
        ) : ''}
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading">{S.console.runs}</h2>
          {runs.length === 0 ? <p>{S.console.noRuns}</p> : (
            <div class="table-wrap"><table id="runs">
              <thead><tr><th scope="col">{S.console.started}</th><th scope="col">{S.console.status}</th><th scope="col">{S.console.recordsRead}</th>
                <th scope="col">{S.console.created}</th><th scope="col">{S.console.updated}</th><th scope="col">{S.console.invalid}</th><th scope="col">{S.console.withdrawn}</th></tr></thead>
              <tbody>{runs.map((r) => (
                <tr>
                  <td><a href={`/console/runs/${r.id}`} safe>{when(r.startedAt ?? r.queuedAt)}</a></td><td><RunStatus status={r.status} /></td>
                  <td>{r.records}</td><td>{r.counts.created}</td><td>{r.counts.updated}</td><td>{r.counts.invalid}</td><td>{r.counts.withdrawn}</td>
                </tr>
              ))}</tbody>
            </table></div>
          )}
        </section>
        <FeedReport report={report} groups={groups} />
      </Layout>
    );
    return sendPage(reply, page as string);
  });

  app.post<{ Params: { id: string } }>('/console/feeds/:id/harvest', {
    schema: { hide: true, params: idParams }, preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const started = await callApi<{ runId: string }>(app, user, { method: 'POST', url: `/api/feeds/${request.params.id}/harvest` });
    if (!started.ok) {
      request.session.set('flash', problemText(started));
      return reply.redirect(`/console/feeds/${request.params.id}`, 303);
    }
    return reply.redirect(`/console/runs/${started.body.runId}`, 303);
  });

  app.post<{ Params: { id: string }; Body: { schedule?: string } }>('/console/feeds/:id/schedule', {
    schema: { hide: true, params: idParams, body: { type: 'object', properties: { schedule: { type: 'string', maxLength: 100 }, _csrf: { type: 'string' } } } },
    preHandler: app.csrfProtection,
  }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const changed = await callApi(app, user, { method: 'PATCH', url: `/api/feeds/${request.params.id}`, json: { schedule: (request.body.schedule ?? '').trim() } });
    request.session.set('flash', changed.ok ? S.console.scheduleSaved : `${S.console.schedule}: ${problemText(changed)}`);
    return reply.redirect(`/console/feeds/${request.params.id}`, 303);
  });
};
