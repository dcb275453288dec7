// **runPage** is `/console/runs/{id}`: a run's live progress (htmx polling, a refresh without JavaScript), its problems and its report.
import type { FastifyPluginAsync } from 'fastify';
import { callApi, problemText } from './console-api.js';
import { layoutUser, sendPage } from './console-home.js';
import { RunStatus, type RunRow } from './feed-console.js';
import { FeedReport, reportGroups, type ReportBody } from './feed-report-view.js';
import { Layout } from './layout.js';
import { S } from './strings.js';

const LIVE = new Set(['queued', 'running']);
const POLL_SECONDS = 1;
const params = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' } }, required: ['id'] } as const;

/** Records per second since the run started, up to now or its end. */
function rate(run: RunRow): number | undefined {
  if (!run.startedAt) return undefined;
  const seconds = ((run.finishedAt ? Date.parse(run.finishedAt) : Date.now()) - Date.parse(run.startedAt)) / 1000;
  return seconds > 0 ? run.records / seconds : undefined;
}

/**
 * The progress panel. While the run is live it asks for itself again every second (htmx swaps it in place);
 * the answer for an ended run carries no trigger, so polling stops by itself, and the page reloads once for the report.
 */
export function Progress({ run }: { run: RunRow }): JSX.Element {
  const live = LIVE.has(run.status);
  const r = rate(run);
  const cells: Array<[string, number | string]> = [
    [S.console.pages, run.pages], [S.console.recordsRead, run.records], [S.console.created, run.counts.created],
    [S.console.updated, run.counts.updated], [S.console.unchanged, run.counts.unchanged], [S.console.invalid, run.counts.invalid],
    [S.console.withdrawn, run.counts.withdrawn], [S.console.failed, run.counts.failed], [S.console.rate, r === undefined ? '—' : S.console.perSecond(r)],
  ];
  return (
    <section id="progress" aria-labelledby="progress-heading" data-status={run.status}
      {...(live ? { 'hx-get': `/console/runs/${run.id}/progress`, 'hx-trigger': `every ${POLL_SECONDS}s`, 'hx-swap': 'outerHTML' } : {})}>
      <h2 id="progress-heading">{S.console.progress}: <RunStatus status={run.status} /></h2>
      {run.reason ? <p safe>{run.reason}</p> : ''}
      {live ? <p class="hint">{S.console.live}</p> : ''}
      <dl class="counters" aria-live="polite">
        {cells.map(([label, value]) => <div><dt safe>{label}</dt><dd safe>{String(value)}</dd></div>)}
      </dl>
      {!live && run.status === 'held' ? <p class="notice" safe>{S.console.heldWhy(run.heldWithdrawals)}</p> : ''}
    </section>
  );
}

function Problems({ title, rows, id }: { title: string; rows: RunRow['errors']; id: string }): JSX.Element {
  if (rows.length === 0) return <></>;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} safe>{title}</h2>
      <div class="table-wrap"><table id={id}>
        <thead><tr><th scope="col">{S.console.stage}</th><th scope="col">{S.console.message}</th><th scope="col">{S.console.where}</th></tr></thead>
        <tbody>{rows.map((p) => <tr><td safe>{p.stage}</td><td safe>{p.message}</td><td><code safe>{p.url}</code></td></tr>)}</tbody>
      </table></div>
    </section>
  );
}

export const runPage: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>('/console/runs/:id', { schema: { hide: true, params } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const run = await callApi<RunRow>(app, user, { url: `/api/runs/${request.params.id}` });
    const lu = layoutUser(user, reply);
    if (!run.ok) return sendPage(reply, (<Layout title={S.errors.notFound} user={lu}><h1>{S.errors.notFound}</h1><p safe>{problemText(run)}</p></Layout>) as string, run.status);
    const r = run.body;
    const feed = await callApi<{ title: string }>(app, user, { url: `/api/feeds/${r.feedId}` });
    const live = LIVE.has(r.status);
    const report = live ? undefined : (await callApi<ReportBody>(app, user, { url: `/api/feeds/${r.feedId}/report?limit=1000&run=${encodeURIComponent(r.id)}` })).body;
    const groups = report ? await reportGroups(app, report) : [];
    const title = feed.ok ? feed.body.title : r.feedId;
    const page = (
      <Layout title={`${S.console.run(r.id)} — ${title}`} current="console" user={lu} {...(live && { noScriptRefresh: POLL_SECONDS * 3 })}>
        <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>
          <li><a href="/console">{S.console.title}</a></li><li><a href={`/console/feeds/${r.feedId}`} safe>{title}</a></li><li safe>{S.console.run(r.id)}</li>
        </ol></nav>
        <h1 safe>{`${S.console.run(r.id)} — ${title}`}</h1>
        <Progress run={r} />
        <Problems title={S.console.runErrors} rows={r.errors} id="run-errors" />
        <Problems title={S.console.runWarnings} rows={r.warnings} id="run-warnings" />
        {report ? <FeedReport report={report} groups={groups} run={r.id} /> : ''}
      </Layout>
    );
    return sendPage(reply, page as string);
  });

  app.get<{ Params: { id: string } }>('/console/runs/:id/progress', { schema: { hide: true, params } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'publisher');
    const run = await callApi<RunRow>(app, user, { url: `/api/runs/${request.params.id}` });
    if (!run.ok) return reply.code(run.status).send(problemText(run));
    // An ended run: htmx reloads the whole page (report and problems) instead of swapping the panel alone.
    if (!LIVE.has(run.body.status)) void reply.header('hx-refresh', 'true');
    return sendPage(reply, (<Progress run={run.body} />) as string);
  });
};
