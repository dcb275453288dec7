// **qualityRoutes** is `GET /api/quality`: the curator's quality dashboard as data (score distribution per feed and publisher, trend over runs).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { MQA_MAX } from '../quality/mqa-metrics.js';
import { QualityDashboardQuery, qualityDashboardResponses } from './schemas/quality.js';

type Bands = Record<string, number>;

function addBands(into: Bands, from: Readonly<Bands>): void {
  for (const [band, n] of Object.entries(from)) into[band] = (into[band] ?? 0) + n;
}

export const qualityRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { feeds, quality } = app.pipeline;

  api.get('/api/quality', {
    schema: { summary: 'MQA score distribution per feed and per publisher, and each feed\'s trend over its runs', tags: ['quality'], querystring: QualityDashboardQuery, response: qualityDashboardResponses },
    preHandler: app.requireRole('curator'),
  }, async (request) => {
    if (quality === undefined) throw new CatErrors.NOT_FOUND('this catalogue keeps no quality scores');
    const rows = feeds.list().map((feed) => {
      const summary = quality.feedSummary(feed.id);
      return {
        id: feed.id, title: feed.title, owner: feed.owner, ownerKey: feed.ownerToken ?? `name:${feed.owner}`,
        records: summary.records, averagePoints: summary.averagePoints, bands: { ...summary.bands },
        trend: quality.runHistory(feed.id, request.query.runs).map((r) => ({ ...r, bands: { ...r.bands } })),
      };
    });
    // A publisher is the token that owns feeds (its identity, not its name); the average is over its records, not its feeds.
    const publishers = new Map<string, { owner: string; feeds: number; records: number; points: number; bands: Bands }>();
    for (const f of rows) {
      let p = publishers.get(f.ownerKey);
      if (p === undefined) publishers.set(f.ownerKey, (p = { owner: f.owner, feeds: 0, records: 0, points: 0, bands: {} }));
      p.feeds += 1;
      p.records += f.records;
      p.points += f.averagePoints * f.records;
      addBands(p.bands, f.bands);
    }
    return {
      max: MQA_MAX,
      feeds: rows.map(({ ownerKey: _, ...f }) => f),
      publishers: [...publishers.values()].map((p) => ({
        owner: p.owner, feeds: p.feeds, records: p.records, bands: p.bands,
        averagePoints: p.records === 0 ? 0 : Math.round((p.points / p.records) * 100) / 100,
      })),
    };
  });
};
