// **feedsRoutes** is the feed registry API: register (probe + protocol detection), list, read, edit, delete.
import path from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { CatErrors } from '../core/errors.js';
import type { Feed } from '../pipeline/feed.js';
import { dailySchedule, type FeedChanges } from '../pipeline/feed-registry.js';
import { probeFeed } from '../pipeline/probe-feed.js';
import { assertSchedule } from '../pipeline/scheduler.js';
import type { Principal } from '../core/roles.js';
import { assertMayChangeFeed, assertMaySetGuards, mayChangeFeed } from './feed-access.js';
import {
  createFeedResponses,
  deleteFeedResponses,
  FeedIdParams,
  FeedSchema,
  FeedPatchBody,
  getFeedResponses,
  listFeedsResponses,
  NewFeedBody,
  patchFeedResponses,
} from './schemas/feeds.js';

type FeedView = Static<typeof FeedSchema>;

/** A feed URL must be absolute http(s), or file: (admins only, checked by the caller). */
function parseFeedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CatErrors.BAD_REQUEST(`"${raw}" is not an absolute URL`);
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) {
    throw new CatErrors.BAD_REQUEST(`feed URLs are http, https or (admins only) file URLs, not ${url.protocol}`);
  }
  return url;
}

function defaultTitle(url: URL): string {
  return url.protocol === 'file:' ? path.basename(url.pathname) : url.host + url.pathname.replace(/\/+$/, '');
}

export const feedsRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { feeds, scheduler, probeFetcher, profiles } = app.pipeline;

  const assertProfile = (name: string): void => {
    if (!profiles.names.includes(name)) {
      throw new CatErrors.BAD_REQUEST(`unknown profile "${name}"; known: ${profiles.names.join(', ')}`);
    }
  };

  /** The feed as shown to `viewer`: the webhook URL (it may carry a secret) only to those who may change it. */
  const view = (feed: Feed, viewer: Principal | undefined): FeedView => {
    const next = scheduler.nextRunOf(feed.id);
    const active = scheduler.activeRun(feed.id);
    const { notify, ownerToken, ...rest } = feed;
    const mayChange = mayChangeFeed(viewer, feed);
    return {
      ...rest,
      ...(notify && mayChange && { notify }),
      ...(ownerToken && mayChange && { ownerToken }),
      ...(next && { nextRun: next.toISOString() }),
      ...(active && { activeRun: active }),
    } as FeedView;
  };

  /** Probes a (new) URL as the principal may: file URLs are local feeds, and only admins register those. */
  const probe = async (principal: Principal, raw: string, protocol: string | undefined) => {
    const url = parseFeedUrl(raw);
    const local = url.protocol === 'file:';
    if (local && principal.role !== 'admin') throw new CatErrors.FORBIDDEN('only admins may register local file feeds');
    const found = await probeFeed({ fetcher: probeFetcher, url: url.href, local, ...(protocol !== undefined && { protocol }) });
    return { url, local, protocol: found.protocol };
  };

  const optionalViewer = async (request: FastifyRequest): Promise<Principal | undefined> => app.authenticate(request);

  api.post('/api/feeds', {
    schema: { summary: 'register a feed', tags: ['feeds'], body: NewFeedBody, response: createFeedResponses },
  }, async (request, reply) => {
    const principal = await app.authorize(request, 'publisher');
    const body = request.body;
    assertMaySetGuards(principal, body);
    if (body.schedule !== undefined) assertSchedule(body.schedule);
    if (body.profile !== undefined) assertProfile(body.profile);
    const { url, local, protocol } = await probe(principal, body.url, body.protocol);
    const feed = feeds.create({
      url: url.href,
      protocol,
      schedule: body.schedule ?? dailySchedule(url.href),
      title: body.title ?? defaultTitle(url),
      profile: body.profile ?? profiles.default,
      owner: principal.name,
      ...(principal.tokenId !== undefined && { ownerToken: principal.tokenId }),
      local,
      ...(body.policy !== undefined && { policy: body.policy }),
      ...(body.contact !== undefined && { contact: body.contact }),
      ...(body.notify !== undefined && { notify: { url: body.notify.url, on: body.notify.on ?? 'on_error' } }),
      ...(body.maxWithdrawShare !== undefined && { maxWithdrawShare: body.maxWithdrawShare }),
      ...(body.options !== undefined && { options: body.options as Feed['options'] }),
    });
    request.log.info({ feed: feed.id, protocol, owner: feed.owner }, 'feed registered');
    void reply.code(201).header('location', `${app.config.baseUrl}/api/feeds/${feed.id}`);
    return view(feed, principal);
  });

  api.get('/api/feeds', {
    schema: { summary: 'list feeds', tags: ['feeds'], response: listFeedsResponses },
  }, async (request) => {
    const viewer = await optionalViewer(request);
    return { feeds: feeds.list().map((f) => view(f, viewer)) };
  });

  api.get('/api/feeds/:id', {
    schema: { summary: 'one feed', tags: ['feeds'], params: FeedIdParams, response: getFeedResponses },
  }, async (request) => {
    const viewer = await optionalViewer(request);
    return view(feeds.require(request.params.id), viewer);
  });

  api.patch('/api/feeds/:id', {
    schema: { summary: 'change a feed', tags: ['feeds'], params: FeedIdParams, body: FeedPatchBody, response: patchFeedResponses },
  }, async (request) => {
    const principal = await app.authorize(request, 'publisher');
    const current = feeds.require(request.params.id);
    assertMayChangeFeed(principal, current);
    const body = request.body;
    assertMaySetGuards(principal, body);
    if (body.schedule !== undefined) assertSchedule(body.schedule);
    if (body.profile !== undefined) assertProfile(body.profile);
    const changes: { -readonly [K in keyof FeedChanges]: FeedChanges[K] } = {
      ...(body.schedule !== undefined && { schedule: body.schedule }),
      ...(body.title !== undefined && { title: body.title }),
      ...(body.profile !== undefined && { profile: body.profile }),
      ...(body.policy !== undefined && { policy: body.policy }),
      ...(body.contact !== undefined && { contact: body.contact }),
      ...(body.notify !== undefined && { notify: body.notify === null ? null : { url: body.notify.url, on: body.notify.on ?? 'on_error' } }),
      ...(body.maxWithdrawShare !== undefined && { maxWithdrawShare: body.maxWithdrawShare }),
      ...(body.options !== undefined && { options: body.options as Feed['options'] }),
    };
    // A new URL or protocol is probed like a registration; a local feed stays local only under an admin.
    if (body.url !== undefined || body.protocol !== undefined) {
      const found = await probe(principal, body.url ?? current.url, body.protocol);
      if (found.local !== current.local) throw new CatErrors.BAD_REQUEST('a feed cannot switch between a local file and a remote URL; register a new feed');
      changes.url = found.url.href;
      changes.protocol = found.protocol;
    }
    const feed = feeds.update(current.id, changes);
    request.log.info({ feed: feed.id, changed: Object.keys(changes) }, 'feed changed');
    return view(feed, principal);
  });

  api.delete('/api/feeds/:id', {
    schema: { summary: 'delete a feed', tags: ['feeds'], params: FeedIdParams, response: deleteFeedResponses },
  }, async (request, reply) => {
    const principal = await app.authorize(request, 'publisher');
    const feed = feeds.require(request.params.id);
    assertMayChangeFeed(principal, feed);
    await scheduler.whenIdle(feed.id);
    const run = await app.pipeline.deleteFeed(feed.id);
    request.log.info({ feed: feed.id, run: run.id, withdrawn: run.counts.withdrawn }, 'feed deleted, its records withdrawn');
    return reply.code(204).send(null);
  });
};
