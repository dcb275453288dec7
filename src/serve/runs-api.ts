// **runsRoutes** is the runs API: start a harvest now, read run summaries, and a feed's per-record report.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { assertMayChangeFeed } from './feed-access.js';
import { buildFeedReport } from './feed-report.js';
import { FeedIdParams } from './schemas/feeds.js';
import {
  confirmRunResponses,
  feedRunsResponses,
  ReportQuery,
  reportResponses,
  RunIdParams,
  RunsQuery,
  runResponses,
  startHarvestResponses,
  runView,
} from './schemas/runs.js';

export const runsRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { feeds, runs, records, iris, scheduler, confirmHeld } = app.pipeline;

  api.post('/api/feeds/:id/harvest', {
    schema: { summary: 'harvest a feed now', tags: ['runs'], params: FeedIdParams, response: startHarvestResponses },
  }, async (request, reply) => {
    const principal = await app.authorize(request, 'publisher');
    const feed = feeds.require(request.params.id);
    assertMayChangeFeed(principal, feed);
    const started = scheduler.runNow(feed.id, 'manual');
    request.log.info({ feed: feed.id, run: started.runId, by: principal.name }, 'harvest started on request');
    const href = `${app.config.baseUrl}/api/runs/${started.runId}`;
    void reply.code(202).header('location', href);
    return { runId: started.runId, status: runs.get(started.runId)?.status ?? 'queued', href };
  });

  api.post('/api/runs/:id/confirm', {
    schema: { summary: 'confirm the withdrawals of a held run', tags: ['runs'], params: RunIdParams, response: confirmRunResponses },
  }, async (request) => {
    // Mass withdrawals are a curator's call, never the publisher's alone: the guard exists for broken sources.
    const principal = await app.authorize(request, 'curator');
    const run = runs.get(request.params.id);
    if (!run) throw new CatErrors.NOT_FOUND(`no run "${request.params.id}"`);
    const feed = feeds.get(run.feedId);
    const confirmed = await confirmHeld(run.id, { by: principal.name, ...(feed && { profile: feed.profile }) });
    request.log.info({ run: run.id, feed: run.feedId, by: principal.name }, 'held withdrawals confirmed');
    return runView(confirmed);
  });

  // Run summaries and reports are public reads: publishers share them with their users and monitors.
  api.get('/api/feeds/:id/runs', {
    schema: { summary: "a feed's runs, newest first", tags: ['runs'], params: FeedIdParams, querystring: RunsQuery, response: feedRunsResponses },
  }, async (request) => {
    const feed = feeds.require(request.params.id);
    return { runs: runs.listForFeed(feed.id, { limit: request.query.limit ?? 50 }).map(runView) };
  });

  api.get('/api/runs/:id', {
    schema: { summary: 'one run summary', tags: ['runs'], params: RunIdParams, response: runResponses },
  }, async (request) => {
    const run = runs.get(request.params.id);
    if (!run) throw new CatErrors.NOT_FOUND(`no run "${request.params.id}"`);
    return runView(run);
  });

  api.get('/api/feeds/:id/report', {
    schema: { summary: 'validation and quality per record', tags: ['runs'], params: FeedIdParams, querystring: ReportQuery, response: reportResponses },
  }, async (request) => {
    const feed = feeds.require(request.params.id);
    return buildFeedReport({
      feed, records, runs, iris, store: app.store,
      ...(app.pipeline.quality && { quality: app.pipeline.quality }),
      limit: request.query.limit ?? 100,
      offset: request.query.offset ?? 0,
      ...(request.query.validation !== undefined && { validation: request.query.validation }),
      ...(request.query.run !== undefined && { run: request.query.run }),
    });
  });
};
