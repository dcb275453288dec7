// **feedSchemas** describe the feed registry routes: the feed document, registration and edit bodies, responses.
import { Type, type Static } from 'typebox';
import { RDF_FORMATS } from '../../core/rdf-format.js';
import { harvesters } from '../../../harvesters/index.js';
import { problemResponse } from './problem.js';

const Notify = Type.Object({
  url: Type.String({ format: 'uri', description: 'receives the run summary as JSON (POST), through the same address guard as harvests' }),
  on: Type.Optional(Type.Union([Type.Literal('on_error'), Type.Literal('always')], { description: 'default on_error' })),
}, { additionalProperties: false });

const Options = Type.Object({
  format: Type.Optional(Type.Union(RDF_FORMATS.map((f) => Type.Literal(f)), {
    description: 'dcat: parse as this syntax whatever the server says',
  })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  metadataPrefix: Type.Optional(Type.Union([Type.Literal('oai_dc'), Type.Literal('oai_datacite')])),
  set: Type.Optional(Type.String({ maxLength: 200 })),
  graph: Type.Optional(Type.String({ format: 'uri' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 600_000, description: 'sparql: how long one CONSTRUCT batch may take before it is tried again in halves (default 30 s)' })),
}, { additionalProperties: false });

// The registered protocols, read from the harvester registry so a new harvester shows here by itself.
const PROTOCOLS = [...harvesters.keys()];
const protocolNames = `${PROTOCOLS.slice(0, -1).join(', ')} or ${PROTOCOLS.at(-1)}`;

const Policy = Type.Union([Type.Literal('store-and-flag'), Type.Literal('quarantine')], {
  description: 'what happens to a record that fails validation',
});

export const FeedSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  protocol: Type.String(),
  schedule: Type.String({ description: 'cron expression (node-cron syntax, optional seconds field)' }),
  title: Type.String(),
  profile: Type.String(),
  policy: Policy,
  contact: Type.Optional(Type.String()),
  notify: Type.Optional(Notify),
  owner: Type.String({ description: 'name of the token holder that registered the feed (for people; rights follow ownerToken)' }),
  ownerToken: Type.Optional(Type.String({ description: 'id of the token that owns the feed; shown to those who may change it' })),
  local: Type.Boolean(),
  maxWithdrawShare: Type.Number(),
  options: Options,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  nextRun: Type.Optional(Type.String({ description: 'next scheduled harvest, when this process schedules' })),
  activeRun: Type.Optional(Type.String({ description: 'id of the run queued or running now' })),
});

export const FeedIdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,47}$' }) });

export const NewFeedBody = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL of the source; file: URLs only for admins' }),
  protocol: Type.Optional(Type.String({ description: `${protocolNames}; detected when omitted` })),
  schedule: Type.Optional(Type.String({ maxLength: 100, description: 'cron expression; default once a day' })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  profile: Type.Optional(Type.String({ description: 'validation profile from shapes/profiles.json' })),
  policy: Type.Optional(Policy),
  contact: Type.Optional(Type.String({ maxLength: 300 })),
  notify: Type.Optional(Notify),
  maxWithdrawShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  options: Type.Optional(Options),
}, { additionalProperties: false });
export type NewFeedBody = Static<typeof NewFeedBody>;

export const FeedPatchBody = Type.Object({
  url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  protocol: Type.Optional(Type.String()),
  schedule: Type.Optional(Type.String({ maxLength: 100 })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  profile: Type.Optional(Type.String()),
  policy: Type.Optional(Policy),
  contact: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 300 })])),
  notify: Type.Optional(Type.Union([Type.Null(), Notify])),
  maxWithdrawShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  options: Type.Optional(Options),
}, { additionalProperties: false, minProperties: 1 });
export type FeedPatchBody = Static<typeof FeedPatchBody>;

const auth = {
  401: problemResponse('no or unknown bearer token'),
  403: problemResponse('the token may not change this feed (publishers change only their own), a file: URL without admin, or a publisher setting a guard such as maxWithdrawShare (CAT_ERR_GUARD_SETTING_FORBIDDEN)'),
} as const;

export const createFeedResponses = {
  201: FeedSchema,
  400: problemResponse('invalid body, dead URL (CAT_ERR_FEED_UNREACHABLE), unknown format (CAT_ERR_FEED_UNKNOWN_FORMAT), guarded address (CAT_ERR_FETCH_REFUSED), bad cron'),
  ...auth,
  409: problemResponse('a feed with that id exists'),
} as const;

export const listFeedsResponses = { 200: Type.Object({ feeds: Type.Array(FeedSchema) }) } as const;
export const getFeedResponses = { 200: FeedSchema, 404: problemResponse('no such feed') } as const;
export const patchFeedResponses = { ...createFeedResponses, 200: FeedSchema, 404: problemResponse('no such feed') } as const;
export const deleteFeedResponses = {
  204: Type.Null({ description: 'deleted; its records were withdrawn (tombstoned) by a run of their own' }),
  ...auth,
  404: problemResponse('no such feed'),
  409: problemResponse('the feed has a run in progress'),
} as const;
