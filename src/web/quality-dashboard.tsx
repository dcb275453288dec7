// **qualityDashboard** is `/console/quality`: MQA score distribution per feed and per publisher and the trend over runs, as charts over their tables.
import type { FastifyPluginAsync } from 'fastify';
import { callApi, problemText } from './console-api.js';
import { layoutUser, sendPage } from './console-home.js';
import { Layout } from './layout.js';
import { S } from './strings.js';

interface Bands { readonly [band: string]: number }
interface Dashboard {
  readonly max: number;
  readonly feeds: ReadonlyArray<{
    readonly id: string; readonly title: string; readonly owner: string; readonly records: number; readonly averagePoints: number; readonly bands: Bands;
    readonly trend: ReadonlyArray<{ readonly runId: string; readonly at: string; readonly records: number; readonly averagePoints: number; readonly bands: Bands }>;
  }>;
  readonly publishers: ReadonlyArray<{ readonly owner: string; readonly feeds: number; readonly records: number; readonly averagePoints: number; readonly bands: Bands }>;
}

/** MQA's bands, best first: the columns of the distribution tables and the stacks of their charts. */
export const BANDS = ['Excellent', 'Good', 'Sufficient', 'Bad'] as const;

const points = (n: number): string => n.toLocaleString('en', { maximumFractionDigits: 1 });

/** The band cells of one row; each number is what the chart draws (the script reads `data-value`). */
const BandCells = ({ bands }: { bands: Bands }): JSX.Element => <>{BANDS.map((b) => <td data-value={String(bands[b] ?? 0)}>{bands[b] ?? 0}</td>)}</>;
const BandHeads = (): JSX.Element => <>{BANDS.map((b) => <th scope="col" data-band={b} safe>{S.quality.bands[b]}</th>)}</>;

/**
 * Each chart is drawn by /assets/charts.js from the table under it (which stays, as the chart's text alternative and
 * for browsers without JavaScript): `data-chart` names the kind, `data-title` the canvas's accessible name, `data-label` a row's label, `data-value` the numbers.
 */
function Dashboard({ d }: { d: Dashboard }): JSX.Element {
  const scored = d.feeds.filter((f) => f.records > 0);
  const trend = d.feeds.flatMap((f) => f.trend.map((t) => ({ feed: f, t })));
  return (
    <>
      <p safe>{S.quality.intro(d.max)}</p>
      <section aria-labelledby="per-feed-heading">
        <h2 id="per-feed-heading">{S.quality.perFeed}</h2>
        {scored.length === 0 ? <p>{S.quality.noScores}</p> : (
          <div class="table-wrap chart-source"><table id="quality-feeds" data-chart="bands" data-title={S.quality.chartOf(S.quality.perFeed)}>
            <caption>{S.quality.perFeedCaption}</caption>
            <thead><tr><th scope="col">{S.console.feed}</th><th scope="col">{S.quality.publisher}</th><th scope="col">{S.console.records}</th>
              <th scope="col">{S.console.average}</th><BandHeads /></tr></thead>
            <tbody>{scored.map((f) => (
              <tr data-label={f.title}>
                <th scope="row"><a href={`/console/feeds/${f.id}`} safe>{f.title}</a></th><td safe>{f.owner}</td><td>{f.records}</td>
                <td safe>{`${points(f.averagePoints)} / ${d.max}`}</td><BandCells bands={f.bands} />
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </section>
      <section aria-labelledby="per-publisher-heading">
        <h2 id="per-publisher-heading">{S.quality.perPublisher}</h2>
        {scored.length === 0 ? <p>{S.quality.noScores}</p> : (
          <div class="table-wrap chart-source"><table id="quality-publishers" data-chart="bands" data-title={S.quality.chartOf(S.quality.perPublisher)}>
            <caption>{S.quality.perPublisherCaption}</caption>
            <thead><tr><th scope="col">{S.quality.publisher}</th><th scope="col">{S.quality.feeds}</th><th scope="col">{S.console.records}</th>
              <th scope="col">{S.console.average}</th><BandHeads /></tr></thead>
            <tbody>{d.publishers.filter((p) => p.records > 0).map((p) => (
              <tr data-label={p.owner}>
                <th scope="row" safe>{p.owner}</th><td>{p.feeds}</td><td>{p.records}</td>
                <td safe>{`${points(p.averagePoints)} / ${d.max}`}</td><BandCells bands={p.bands} />
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </section>
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">{S.quality.trend}</h2>
        {trend.length === 0 ? <p>{S.quality.noTrend}</p> : (
          <div class="table-wrap chart-source"><table id="quality-trend" data-chart="trend" data-title={S.quality.chartOf(S.quality.trend)} data-max={String(d.max)}>
            <caption>{S.quality.trendCaption}</caption>
            <thead><tr><th scope="col">{S.console.feed}</th><th scope="col">{S.quality.runEnded}</th><th scope="col">{S.console.records}</th><th scope="col">{S.console.average}</th></tr></thead>
            <tbody>{trend.map(({ feed, t }) => (
              <tr data-series={feed.title} data-x={String(Date.parse(t.at))} data-y={String(t.averagePoints)}>
                <th scope="row" safe>{feed.title}</th>
                <td><a href={`/console/runs/${t.runId}`} safe>{t.at.slice(0, 16).replace('T', ' ')}</a></td>
                <td>{t.records}</td><td safe>{`${points(t.averagePoints)} / ${d.max}`}</td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </section>
    </>
  );
}

export const qualityDashboard: FastifyPluginAsync = async (app) => {
  app.get('/console/quality', { schema: { hide: true } }, async (request, reply) => {
    const user = await app.requireWebUser(request, 'curator');
    const answer = await callApi<Dashboard>(app, user, { url: '/api/quality' });
    const page = (
      <Layout title={S.quality.title} current="console" user={layoutUser(user, reply)} scripts={['/assets/vendor/chart.umd.min.js', '/assets/charts.js']}>
        <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/console">{S.console.title}</a></li><li><a href="/console/curator">{S.console.curator}</a></li><li>{S.quality.title}</li></ol></nav>
        <h1>{S.quality.title}</h1>
        {answer.ok ? <Dashboard d={answer.body} /> : <p class="notice" safe>{problemText(answer)}</p>}
      </Layout>
    );
    return sendPage(reply, page as string, answer.ok ? 200 : answer.status);
  });
};
